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
import { Fragment, useState } from 'react';
import { getMyRockDeadlines, getRocks } from '../../api/endpoints';
import type { Me, Rock, RockDeadline, RockWindow } from '../../api/model';
import { useQuery } from '../../api/useQuery';
import { capitalise, useMe } from '../../shell/me';
import { toDate, useDates } from '../common/dates';
import { LoadState } from '../common/LoadState';
import { ViewHeading } from '../ViewHeading';
import { RockCard } from './RockCard';
import { RockEditor, type SaveOutcome } from './RockEditor';
import { RockGuide } from './RockGuide';
import { deadlineStateLabel, holdsSlot, statusLabel } from './rockText';

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

type Editing = { slotId: string; rockId?: string; extra?: boolean } | undefined;
/** The confirmation (or the half-done save) shown above one rock. */
type Notice = { rockId: string; intent: 'success' | 'warning'; text: string } | undefined;

/** Where the person stands against this window's setting deadline, said plainly (seed 000 Appendix 4). */
function DeadlineNotice({ me, deadline }: { me: Me; deadline: RockDeadline }) {
  const dates = useDates();
  const words = me.vocabulary;
  const progress = `${deadline.agreed} of ${deadline.required} agreed.`;
  if (deadline.state === 'overdue') {
    return (
      <MessageBar intent="error" layout="multiline" style={{ marginBottom: tokens.spacingVerticalL }}>
        <MessageBarBody>
          <strong>{`${deadlineStateLabel.overdue}: `}</strong>
          {`your ${words.rocks} for ${deadline.label} were due to be agreed by ${dates.day(deadline.setBy)}. ${progress} Your ${words.reviewer} knows, so you can agree them together.`}
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (deadline.state === 'open') {
    return (
      <MessageBar intent="warning" layout="multiline" style={{ marginBottom: tokens.spacingVerticalL }}>
        <MessageBarBody>{`Agree your ${words.rocks} for ${deadline.label} with your ${words.reviewer} by ${dates.day(deadline.setBy)}. ${progress}`}</MessageBarBody>
      </MessageBar>
    );
  }
  if (deadline.state === 'set-late' || deadline.state === 'set' || deadline.state === 'missed') {
    return <Text style={{ display: 'block', marginBottom: tokens.spacingVerticalL }}>{`${deadlineStateLabel[deadline.state]} (due ${dates.day(deadline.setBy)}).`}</Text>;
  }
  return null;
}

export default function MyRocksView({ itemId }: { itemId?: string }) {
  const me = useMe();
  const styles = useStyles();
  const dates = useDates();
  const rocks = useQuery(`rocks:${me.person.id}`, () => getRocks(me.person.id));
  const deadlines = useQuery(`rock-deadlines:${me.person.id}`, getMyRockDeadlines);
  const linked = rocks.state.data?.find((r) => r.id === itemId);
  const [chosenWindow, setChosenWindow] = useState<string>();
  const windowId = chosenWindow ?? linked?.rockWindowId ?? currentWindow(me)?.id ?? '';
  const period = me.rockWindows.find((w) => w.id === windowId);
  const [editing, setEditing] = useState<Editing>();
  const [notice, setNotice] = useState<Notice>();
  const words = me.vocabulary;
  const reviewerName = me.reviewer?.displayName ?? `your ${words.reviewer}`;

  /** A saved or changed rock; proposing it (from the editor or its card) is confirmed by name. */
  const replace = (rock: Rock, outcome?: SaveOutcome) => {
    const before = rocks.state.data?.find((r) => r.id === rock.id);
    rocks.set((list) => [...list.filter((r) => r.id !== rock.id), rock]);
    deadlines.reload();
    if (outcome?.proposeError) {
      setNotice({
        rockId: rock.id,
        intent: 'warning',
        text: `Your ${words.rock} is saved as a draft, but it was not proposed: ${outcome.proposeError}. Nothing is lost: propose it to ${reviewerName} when you are ready.`,
      });
    } else if (rock.status === 'proposed' && before?.status !== 'proposed') {
      setNotice({ rockId: rock.id, intent: 'success', text: `Proposed to ${reviewerName}. They'll be asked to agree it.` });
    } else if (notice?.rockId === rock.id) {
      setNotice(undefined);
    }
  };
  const deadline = deadlines.state.data?.find((d) => d.rockWindowId === windowId);
  const most = me.maxRocks ?? me.slots.length;
  const noticeFor = (rock: Rock) =>
    notice?.rockId === rock.id ? (
      <MessageBar intent={notice.intent} layout="multiline" role="status">
        <MessageBarBody>{notice.text}</MessageBarBody>
      </MessageBar>
    ) : null;
  const priorities = me.priorities ?? 3;

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
            {deadline && <DeadlineNotice me={me} deadline={deadline} />}
            {me.slots.length > 0 && (
              <RockGuide me={me} rocks={list.filter((r) => r.rockWindowId === windowId)} required={deadline?.required ?? me.slots.length} />
            )}
            {(() => {
              const inWindow = list.filter((r) => r.rockWindowId === windowId);
              const live = inWindow.filter((r) => holdsSlot(r.status));
              const canPrioritise = live.length > priorities;
              const marked = live.filter((r) => r.priority).length;
              const extras = most > me.slots.length;
              const card = (rock: Rock, slotId: string, theme: string) => (
                <Fragment key={rock.id}>
                  {noticeFor(rock)}
                  <RockCard
                  me={me}
                  rock={rock}
                  themeLabel={theme}
                  highlighted={rock.id === itemId}
                  canPrioritise={canPrioritise}
                  onEdit={() => {
                    setNotice(undefined);
                    setEditing({ slotId, rockId: rock.id });
                  }}
                  onChanged={replace}
                  onConflict={rocks.reload}
                  />
                </Fragment>
              );
              const editor = (slot: Me['slots'][number], rock?: Rock) => (
                <RockEditor
                  me={me}
                  slot={slot}
                  rockWindowId={windowId}
                  rock={rock}
                  onSaved={(saved, outcome) => {
                    replace(saved, outcome);
                    setEditing(undefined);
                  }}
                  onCancel={() => setEditing(undefined)}
                  onConflict={rocks.reload}
                />
              );
              return (
                <div className={styles.slots}>
                  {canPrioritise && (
                    <MessageBar intent={marked === priorities ? 'success' : 'info'} layout="multiline">
                      <MessageBarBody>
                        {`You have ${live.length} ${words.rocks} for this period. Mark the ${priorities} you are prioritising for your review (${marked} of ${priorities} marked): they are the ones your review looks at.`}
                      </MessageBarBody>
                    </MessageBar>
                  )}
                  {me.slots.map((slot) => {
                    const inSlot = inWindow.filter((r) => r.slotId === slot.id);
                    const current = inSlot.filter((r) => holdsSlot(r.status));
                    const completed = inSlot.filter((r) => !holdsSlot(r.status));
                    const first = current[0];
                    const isEditing = editing?.slotId === slot.id && !editing.extra;
                    return (
                      <section key={slot.id} className={styles.slot} aria-labelledby={`slot-${slot.id}`}>
                        <h3 id={`slot-${slot.id}`} className={styles.slotTitle}>
                          {slot.theme}
                        </h3>
                        {current.map((rock) => (isEditing && editing?.rockId === rock.id ? <div key={rock.id}>{editor(slot, rock)}</div> : card(rock, slot.id, slot.theme)))}
                        {isEditing && !editing?.rockId && editor(slot)}
                        {!first && !isEditing && (
                          <div className={styles.empty}>
                            {slot.guidance && <Text className={styles.muted}>{slot.guidance}</Text>}
                            {completed.length > 0 && (
                              <Text className={styles.muted}>{`Your ${words.rock} here was completed early, so its place is free for another.`}</Text>
                            )}
                            <Button icon={<AddRegular />} appearance="primary" onClick={() => setEditing({ slotId: slot.id })}>
                              {`Write your ${slot.theme} ${words.rock}`}
                            </Button>
                          </div>
                        )}
                        {completed.length > 0 && (
                          <details>
                            <summary>{`${statusLabel.completed} (${completed.length})`}</summary>
                            {completed.map((rock) => card(rock, slot.id, slot.theme))}
                          </details>
                        )}
                      </section>
                    );
                  })}
                  {extras && (
                    <section className={styles.slot} aria-labelledby="slot-extra">
                      <h3 id="slot-extra" className={styles.slotTitle}>{`More ${words.rocks}`}</h3>
                      <Text className={styles.muted}>{`You may work on up to ${most} ${words.rocks} at once (${live.length} now).`}</Text>
                      {editing?.extra ? (
                        <>
                          <Field label="Theme">
                            <Select value={editing.slotId} onChange={(_, d) => setEditing({ slotId: d.value, extra: true })}>
                              {me.slots.map((s) => (
                                <option key={s.id} value={s.id}>
                                  {s.theme}
                                </option>
                              ))}
                            </Select>
                          </Field>
                          {editor(me.slots.find((s) => s.id === editing.slotId) ?? me.slots[0]!)}
                        </>
                      ) : (
                        <div>
                          <Button icon={<AddRegular />} disabled={live.length >= most} onClick={() => setEditing({ slotId: me.slots[0]?.id ?? '', extra: true })}>
                            {`Add another ${words.rock}`}
                          </Button>
                        </div>
                      )}
                    </section>
                  )}
                </div>
              );
            })()}
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
