// Action.Execute verbs: the card that sends one and the handler that answers it import the same
// constant, so they cannot disagree (STYLE.md §5).
export const VERBS = {
  submitCheckIn: 'checkIn.submit',
  editCheckIn: 'checkIn.edit',
  refreshCheckIn: 'checkIn.refresh',
  acknowledgeCheckIn: 'checkIn.acknowledge',
  respondToCheckIn: 'checkIn.respond',
  openCheckIn: 'checkIn.open',
  /** The reviewer's copy of a check-in asks for a fresh view (refresh.userIds). */
  refreshReviewerCard: 'review.refresh',
  /** "praise Sam for …" matched several colleagues: the giver picks one. */
  choosePraiseRecipient: 'praise.choose',
  /** seed 002: the growth cards (stage one self-reflection, growth plan, growth log, stage four reflection). */
  saveSelfReflection: 'growth.selfReflection.save',
  saveGrowthPlan: 'growth.plan.save',
  addGrowthLogEntry: 'growth.log.add',
  saveEndReflection: 'growth.endReflection.save',
  openGrowthCard: 'growth.open',
  /** A rock's chat card: the reviewer agrees it, or sends it back to revise with a reason; the reviewee accepts an amendment. */
  agreeRock: 'rock.agree',
  sendBackRock: 'rock.sendBack',
  acceptRock: 'rock.accept',
  /** The original reviewer's handover card (seed 002 §7.4): the final check-in took place. */
  completeHandover: 'handover.done',
  /** Thanks written in a check-in with nobody chosen (issue 15): send it to the colleagues picked, or discard it. */
  sendPendingThanks: 'praise.pending.send',
  discardPendingThanks: 'praise.pending.discard',
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];

/** The people picker's Data.Query dataset name, answered by the bot from the staff directory. */
export const PEOPLE_DATASET = 'pgteams.people';

/** Admin card verbs (issue 7); the Teams handler routes every `admin.*` verb to bot/admin. */
export const ADMIN_VERBS = {
  /** Show the schedule card again (after a change, or from a conflict card). */
  showSchedule: 'admin.schedule.show',
  /** Open the form to move (date only), edit (every field) or add an event. */
  openEventForm: 'admin.schedule.form',
  /** The form was sent: validate it and show the preview. */
  previewEventChange: 'admin.schedule.preview',
  /** The preview's Confirm: apply the change at the version previewed. */
  confirmEventChange: 'admin.schedule.confirm',
  /** The import preview's Confirm. */
  confirmScheduleImport: 'admin.schedule.import.confirm',
  /** The directory import preview's Confirm. */
  confirmDirectoryImport: 'admin.directory.import.confirm',
  /** Refresh the completion card. */
  showStatus: 'admin.status.show',
  /** Show the policy summary card again. */
  showPolicy: 'admin.policy.show',
  /** "policy set" preview's Confirm: save the change at the policy version previewed. */
  confirmPolicyChange: 'admin.policy.confirm',
  /** "reviewer … to … because …": the preview's Confirm (seed 000 §5). */
  confirmRedelegation: 'admin.reviewer.confirm',
  /** "cycle next": the choices card's buttons (roll forward, a pack, a pasted table) show a preview. */
  previewNextCycle: 'admin.cycle.next.preview',
  /** The next cycle's preview Confirm: start it at the plan previewed. */
  confirmNextCycle: 'admin.cycle.next.confirm',
} as const;

/** seed 004 §8: the group coaching check-in card in a team's channel or group chat. */
export const GROUP_VERBS = {
  /** Open my view of the session (the posted card's button; anyone in the conversation may press it). */
  open: 'groupSession.open',
  /** Teams asks for a member's (or the leader's) fresh view (refresh.userIds). */
  refresh: 'groupSession.refresh',
  /** A member posts, or updates, their successes, strengths, barriers and developments. */
  post: 'groupSession.post',
} as const;

/** The year's reviews (issue 12): impact review, end-of-year reflection, statement, decision, support, 360 feedback. */
export const REVIEW_VERBS = {
  /** Show my view of a review (the card's button; the reviewee, reviewer and decider see different cards). */
  open: 'yearReview.open',
  /** Teams asks for a fresh per-user view (refresh.userIds). */
  refresh: 'yearReview.refresh',
  /** The reviewer records the March impact review's outcome. */
  recordImpact: 'yearReview.impact.record',
  /** The reviewee comments on an outcome or on the written summary. */
  comment: 'yearReview.comment',
  /** The reviewee saves the reflection as a draft, or sends it to the reviewer. */
  saveReflection: 'yearReview.reflection.save',
  submitReflection: 'yearReview.reflection.submit',
  /** The reviewer writes the statement and selects the outcome. */
  submitStatement: 'yearReview.statement.submit',
  /** The headteacher/manager confirms or changes the outcome, with a reason. */
  decide: 'yearReview.decision',
  /** The support plan (route, what will help, review date) and, at its review, whether it succeeded. */
  saveSupportPlan: 'support.plan.save',
  recordSupportOutcome: 'support.outcome',
  /** 360 feedback: the asked colleague answers or declines; the person asks from the chat. */
  answerFeedback: 'feedback.answer',
  declineFeedback: 'feedback.decline',
  askFeedback: 'feedback.ask',
} as const;

/** Issue 13: the aspiration survey, career conversations and follow-ups, governor sample approvals. */
export const TALENT_VERBS = {
  openSurvey: 'survey.open',
  answerSurvey: 'survey.answer',
  openCareer: 'career.open',
  recordCareer: 'career.record',
  commentCareer: 'career.comment',
  closeFollowUp: 'followUp.close',
  approveSample: 'sample.approve',
} as const;
