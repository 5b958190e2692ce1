import { Button, Divider, Field, makeStyles, Select, Text, tokens, typographyStyles } from '@fluentui/react-components';
import { useId, useState, type FormEvent } from 'react';
import type { DevPerson, DevStatus } from '../api/devStatus';
import type { DevIdentity } from '../dev/devIdentity';

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
  /** What GET /api/v1/dev/status said: whether a local test user may sign in, and who. */
  status: DevStatus;
  onContinue: (identity: DevIdentity) => void;
}

/** Shown when the tab is opened in a plain browser rather than inside Teams. */
export default function OutsideTeams({ status, onContinue }: Props) {
  const styles = useStyles();
  return (
    <main className={styles.main}>
      <h1 className={styles.title}>Open Professional Growth in Microsoft Teams</h1>
      <Text as="p" className={styles.paragraph}>
        Professional Growth runs inside Microsoft Teams, where it knows who you are. Open the Professional Growth app
        from the Apps bar in Teams to see your rocks, check-ins and praise.
      </Text>
      {status.devSignIn && (
        <>
          <Divider className={styles.divider} />
          <DevSignInForm people={status.people} onContinue={onContinue} />
        </>
      )}
    </main>
  );
}

const keyOf = (p: DevPerson) => `${p.entraObjectId}@${p.organisationId}`;

/** Local development only: act as someone from the server's directory, picked from a list. */
function DevSignInForm({ people, onContinue }: { people: DevPerson[]; onContinue: (identity: DevIdentity) => void }) {
  const styles = useStyles();
  const headingId = useId();
  const [chosen, setChosen] = useState(people[0] ? keyOf(people[0]) : '');
  const organisations = new Set(people.map((p) => p.organisationId));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const person = people.find((p) => keyOf(p) === chosen);
    if (person) onContinue({ objectId: person.entraObjectId, tenantId: person.organisationId });
  };

  return (
    <form className={styles.form} onSubmit={onSubmit} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.subtitle}>
        Continue as a local test user
      </h2>
      <Text as="p" className={styles.paragraph}>
        Dev sign-in is on for this server, so you can use the tab without Teams. Requests are sent as the person you
        choose, for this browser tab only.
      </Text>
      {people.length === 0 ? (
        <Text as="p" className={styles.paragraph} role="status">
          No one in the staff directory has an Entra object id yet. Import a directory with an objectId column (for
          example with <code>DIRECTORY_FILE</code>) and reload this page.
        </Text>
      ) : (
        <>
          <Field label="Sign in as" required>
            <Select value={chosen} onChange={(_, d) => setChosen(d.value)}>
              {people.map((p) => (
                <option key={keyOf(p)} value={keyOf(p)}>
                  {organisations.size > 1 ? `${p.displayName} (${p.organisationId})` : p.displayName}
                </option>
              ))}
            </Select>
          </Field>
          <div className={styles.actions}>
            <Button type="submit" appearance="primary">
              Continue as test user
            </Button>
          </div>
        </>
      )}
    </form>
  );
}
