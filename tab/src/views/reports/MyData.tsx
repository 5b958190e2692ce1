// Issue 16: "Download my data" — everything Professional Growth holds about me, as a readable page
// or as JSON (UK GDPR subject access). The download is recorded in the audit log.
import { Button, makeStyles, Text, tokens, typographyStyles } from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { ApiError } from '../../api/client';
import { toApiError } from '../../api/useQuery';
import { downloadDataExport } from '../admin/subjectAccessApi';
import { ErrorMessage } from '../common/LoadState';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  title: { ...typographyStyles.subtitle1, margin: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
});

export function MyData() {
  const styles = useStyles();
  const [busy, setBusy] = useState<'json' | 'html'>();
  const [saved, setSaved] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const download = async (format: 'json' | 'html') => {
    setBusy(format);
    setError(undefined);
    try {
      setSaved(await downloadDataExport('me', format));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <section className={styles.section} aria-labelledby="my-data-heading">
      <h2 id="my-data-heading" className={styles.title}>
        Download my data
      </h2>
      <Text className={styles.muted}>Everything Professional Growth holds about you, by kind of record: a page to read or print, or the same data as JSON.</Text>
      <div className={styles.actions}>
        <Button icon={<ArrowDownloadRegular />} disabled={busy !== undefined} onClick={() => void download('html')}>
          {busy === 'html' ? 'Preparing…' : 'Download as a page (HTML)'}
        </Button>
        <Button icon={<ArrowDownloadRegular />} disabled={busy !== undefined} onClick={() => void download('json')}>
          {busy === 'json' ? 'Preparing…' : 'Download as JSON'}
        </Button>
      </div>
      <div role="status">{saved && <Text>Downloaded {saved}.</Text>}</div>
      {error && <ErrorMessage error={error} title="The download did not work" />}
    </section>
  );
}
