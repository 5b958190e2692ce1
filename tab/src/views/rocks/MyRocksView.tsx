import {
  Button,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  Text,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { getRocks } from '../../api/endpoints';
import type { Me, Rock, RockWindow } from '../../api/model';
import { useQuery } from '../../api/useQuery';
import { capitalise, useMe } from '../../shell/me';
import { toDate, useDates } from '../common/dates';
import { LoadState } from '../common/LoadState';
import { ViewHeading } from '../ViewHeading';
import { RockCard } from './RockCard';
import { RockEditor } from './RockEditor';

const useStyles = makeStyles({
  intro: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, alignItems: 'end', marginBottom: tokens.spacingVerticalL },
  slots: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL },
  slot: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  slotTitle: { ...typographyStyles.subtitle1, margin: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
  empty: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke1}`,
  },
});

/** The window rocks are written for now: the server's choice, else the one today falls in, else the latest. */
function currentWindow(me: Me): RockWindow | undefined {
  const byId = me.rockWindows.find((w) => w.id === me.currentRockWindowId);
  if (byId) return byId;
  const today = new Date();
  return (
    me.rockWindows.find((w) => toDate(w.startsOn) <= today && today <= toDate(`${w.endsOn}`)) ??
    me.rockWindows[me.rockWindows.length - 1]
  );
}

type Editing = { slotId: string; rockId?: string } | undefined;

export default function MyRocksView({ itemId }: { itemId?: string }) {
  const me = useMe();
  const styles = useStyles();
  const dates = useDates();
  const rocks = useQuery(`rocks:${me.person.id}`, () => getRocks(me.person.id));
  const linked = rocks.state.data?.find((r) => r.id === itemId);
  const [chosenWindow, setChosenWindow] = useState<string>();
  const windowId = chosenWindow ?? linked?.rockWindowId ?? currentWindow(me)?.id ?? '';
  const period = me.rockWindows.find((w) => w.id === windowId);
  const [editing, setEditing] = useState<Editing>();
  const words = me.vocabulary;

  const replace = (rock: Rock) => rocks.set((list) => [...list.filter((r) => r.id !== rock.id), rock]);

  return (
    <>
      <ViewHeading>{`My ${words.rocks}`}</ViewHeading>
      <div className={styles.intro}>
        {me.rockWindows.length > 1 && (
          <Field label="Period">
            <Select value={windowId} onChange={(_, d) => setChosenWindow(d.value)}>
              {me.rockWindows.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.label}
                </option>
              ))}
            </Select>
          </Field>
        )}
        {period && (
          <Text className={styles.muted}>
            {period.label}: {dates.day(period.startsOn)} to {dates.day(period.endsOn)}
            {period.setBy ? `. Agree your ${words.rocks} with your ${words.reviewer} by ${dates.day(period.setBy)}.` : '.'}
          </Text>
        )}
      </div>
      <LoadState state={rocks.state} onRetry={rocks.reload} label={`Loading your ${words.rocks}…`}>
        {(list) => (
          <>
            {itemId && !list.some((r) => r.id === itemId) && (
              <MessageBar intent="warning" style={{ marginBottom: tokens.spacingVerticalL }}>
                <MessageBarBody>
                  The {words.rock} you followed a link to is not one of yours, or no longer exists.
                </MessageBarBody>
              </MessageBar>
            )}
            <div className={styles.slots}>
              {me.slots.map((slot) => {
                const rock = list.find((r) => r.slotId === slot.id && r.rockWindowId === windowId);
                const isEditing = editing?.slotId === slot.id;
                return (
                  <section key={slot.id} className={styles.slot} aria-labelledby={`slot-${slot.id}`}>
                    <h3 id={`slot-${slot.id}`} className={styles.slotTitle}>
                      {slot.theme}
                    </h3>
                    {isEditing ? (
                      <RockEditor
                        me={me}
                        slot={slot}
                        rockWindowId={windowId}
                        rock={rock}
                        onSaved={(saved) => {
                          replace(saved);
                          setEditing(undefined);
                        }}
                        onCancel={() => setEditing(undefined)}
                        onConflict={rocks.reload}
                      />
                    ) : rock ? (
                      <RockCard
                        me={me}
                        rock={rock}
                        themeLabel={slot.theme}
                        highlighted={rock.id === itemId}
                        onEdit={() => setEditing({ slotId: slot.id, rockId: rock.id })}
                        onChanged={replace}
                        onConflict={rocks.reload}
                      />
                    ) : (
                      <div className={styles.empty}>
                        {slot.guidance && <Text className={styles.muted}>{slot.guidance}</Text>}
                        <Button icon={<AddRegular />} appearance="primary" onClick={() => setEditing({ slotId: slot.id })}>
                          {`Write your ${slot.theme} ${words.rock}`}
                        </Button>
                      </div>
                    )}
                  </section>
                );
              })}
            </div>
            {list.length > 0 && me.slots.length === 0 && <Text>{capitalise(words.rocks)} are not used in your organisation.</Text>}
            <OrphanedRocks rocks={list.filter((r) => r.rockWindowId === windowId && !me.slots.some((s) => s.id === r.slotId))} words={words} />
          </>
        )}
      </LoadState>
    </>
  );
}

/** Rocks kept from a slot the policy no longer has (a PG administrator removed it): shown, flagged, not lost. */
function OrphanedRocks({ rocks, words }: { rocks: Rock[]; words: { rock: string; rocks: string } }) {
  if (rocks.length === 0) return null;
  return (
    <MessageBar intent="warning" style={{ marginTop: tokens.spacingVerticalL }}>
      <MessageBarBody>
        {`Kept from a slot your organisation's policy no longer has: ${rocks.map((r) => `"${r.title}"`).join(', ')}. Your ${words.rocks} are safe; ask your PG administrator which slot ${rocks.length === 1 ? `this ${words.rock} belongs` : 'they belong'} in now.`}
      </MessageBarBody>
    </MessageBar>
  );
}
