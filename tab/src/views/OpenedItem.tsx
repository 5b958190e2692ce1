import { Link, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens } from '@fluentui/react-components';
import { formatHash, type ViewId } from '../routing/routes';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, marginBottom: tokens.spacingVerticalL },
});

/**
 * The item a deep link asked for (`checkin:<id>`, `rock:<id>`). Until the API arrives there is
 * nothing to load, so say so rather than pretend.
 */
export function OpenedItem({ view, itemId, noun }: { view: ViewId; itemId: string; noun: string }) {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <MessageBar intent="info">
        <MessageBarBody>
          <MessageBarTitle>Opening {noun}</MessageBarTitle>
          The {noun} you followed a link to ({itemId}) will show here once it can be loaded.
        </MessageBarBody>
      </MessageBar>
      <Link href={formatHash({ view })}>Back to all {noun}s</Link>
    </div>
  );
}
