import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { useShellButtonStyles } from './shellButton';
import { Component, type ReactNode } from 'react';
import { isChunkLoadError, retryFailedChunks } from './lazyWithRetry';

const useStyles = makeStyles({
  notice: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    margin: `0 0 ${tokens.spacingVerticalL}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorStatusDangerBorder1}`,
    backgroundColor: tokens.colorStatusDangerBackground1,
    color: tokens.colorNeutralForeground1,
  },
  text: { ...typographyStyles.body1, minWidth: 0, overflowWrap: 'anywhere' },
  title: { ...typographyStyles.body1Strong, margin: 0 },
  detail: { margin: 0 },
});

/**
 * A problem in words with a "Try again" button, drawn by the shell itself so it shows even when no
 * other part of the tab could be downloaded.
 */
export function ShellNotice({ title, detail, onRetry }: { title: string; detail?: string; onRetry?: () => void }) {
  const styles = useStyles();
  const button = useShellButtonStyles().button;
  return (
    <div role="alert" className={styles.notice}>
      <div className={styles.text}>
        <p className={styles.title}>{title}</p>
        {detail && <p className={styles.detail}>{detail}</p>}
      </div>
      {onRetry && (
        <button type="button" className={button} onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export const chunkFailedMessage = "This part of Professional Growth didn't load. Check your connection and try again.";

interface State {
  failure?: 'chunk' | 'render';
}

/**
 * Around each lazily loaded part of the tab: a chunk that failed to download (a network blip)
 * shows the connection message and "Try again" downloads it again; any other render error shows a
 * plain message (never the stack). Give it a `key` that changes with the route so moving on clears it.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = {};

  static getDerivedStateFromError(error: unknown): State {
    return { failure: isChunkLoadError(error) ? 'chunk' : 'render' };
  }

  override componentDidCatch(error: unknown): void {
    // For whoever opens the browser console; the user sees words only.
    console.error('Professional Growth: a part of the tab failed to render', error);
  }

  private readonly retry = () => {
    retryFailedChunks();
    this.setState({ failure: undefined });
  };

  override render() {
    if (!this.state.failure) return this.props.children;
    return this.state.failure === 'chunk' ? (
      <ShellNotice title={chunkFailedMessage} onRetry={this.retry} />
    ) : (
      <ShellNotice
        title="Something went wrong showing this part of Professional Growth."
        detail="Try again. If it keeps happening, close and reopen the tab."
        onRetry={this.retry}
      />
    );
  }
}
