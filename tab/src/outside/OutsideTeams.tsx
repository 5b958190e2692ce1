import {
  Button,
  Divider,
  Field,
  Input,
  makeStyles,
  Text,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { useId, useState, type FormEvent } from 'react';
import { isGuid, type DevIdentity } from '../dev/devIdentity';

const useStyles = makeStyles({
  main: {
    flexGrow: 1,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    maxWidth: '40rem',
    width: '100%',
    boxSizing: 'border-box',
    margin: '0 auto',
    padding: `${tokens.spacingVerticalXXXL} ${tokens.spacingHorizontalXL}`,
  },
  title: { ...typographyStyles.title2, margin: 0 },
  paragraph: { margin: 0 },
  // Fluent's Divider grows to fill a flex container, which in a column means vertically.
  divider: { flexGrow: 0 },
  subtitle: { ...typographyStyles.subtitle1, margin: 0 },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  actions: { display: 'flex', justifyContent: 'flex-start' },
});

interface Props {
  /** The server allows a local test user (GET /api/v1/dev/status). */
  devSignIn: boolean;
  onContinue: (identity: DevIdentity) => void;
}

/** Shown when the tab is opened in a plain browser rather than inside Teams. */
export default function OutsideTeams({ devSignIn, onContinue }: Props) {
  const styles = useStyles();
  return (
    <main className={styles.main}>
      <h1 className={styles.title}>Open Professional Growth in Microsoft Teams</h1>
      <Text as="p" className={styles.paragraph}>
        Professional Growth runs inside Microsoft Teams, where it knows who you are. Open the Professional Growth app
        from the Apps bar in Teams to see your rocks, check-ins and praise.
      </Text>
      {devSignIn && (
        <>
          <Divider className={styles.divider} />
          <DevSignInForm onContinue={onContinue} />
        </>
      )}
    </main>
  );
}

type FieldName = 'objectId' | 'tenantId';

function DevSignInForm({ onContinue }: { onContinue: (identity: DevIdentity) => void }) {
  const styles = useStyles();
  const headingId = useId();
  const [values, setValues] = useState<Record<FieldName, string>>({ objectId: '', tenantId: '' });
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});

  const update = (name: FieldName) => (_: unknown, data: { value: string }) => {
    setValues((v) => ({ ...v, [name]: data.value }));
    setErrors((e) => ({ ...e, [name]: undefined }));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const objectId = values.objectId.trim();
    const tenantId = values.tenantId.trim();
    const found: Partial<Record<FieldName, string>> = {};
    if (!isGuid(objectId)) found.objectId = 'Enter the user’s Entra object id, a GUID like 00000000-0000-0000-0000-000000000000.';
    if (!isGuid(tenantId)) found.tenantId = 'Enter the tenant id, a GUID like 00000000-0000-0000-0000-000000000000.';
    setErrors(found);
    if (Object.keys(found).length === 0) onContinue({ objectId, tenantId });
  };

  return (
    <form className={styles.form} onSubmit={onSubmit} aria-labelledby={headingId} noValidate>
      <h2 id={headingId} className={styles.subtitle}>
        Continue as a local test user
      </h2>
      <Text as="p" className={styles.paragraph}>
        Dev sign-in is on for this server, so you can use the tab without Teams. Requests are sent as the user you
        enter here, for this browser tab only.
      </Text>
      <Field
        label="Entra object id"
        required
        validationMessage={errors.objectId}
        validationState={errors.objectId ? 'error' : 'none'}
      >
        <Input value={values.objectId} onChange={update('objectId')} autoComplete="off" spellCheck={false} />
      </Field>
      <Field
        label="Tenant id"
        required
        validationMessage={errors.tenantId}
        validationState={errors.tenantId ? 'error' : 'none'}
      >
        <Input value={values.tenantId} onChange={update('tenantId')} autoComplete="off" spellCheck={false} />
      </Field>
      <div className={styles.actions}>
        <Button type="submit" appearance="primary">
          Continue as test user
        </Button>
      </div>
    </form>
  );
}
