// The shapes the tab reads from /api/v1: the server's own zod payload types (shared/api), under
// the names the views use. Instants are ISO strings; calendar dates are YYYY-MM-DD.
import type {
  CheckInDetailResponse,
  CheckInDto,
  CheckInStateDto,
  CheckInTimelineResponse,
  CommentDto,
  CreateRockRequest,
  MeResponse,
  PersonSummary,
  PraiseDto,
  RockChangeDto,
  RockDeadlineDto,
  RockDto,
  ScheduleEventDto,
  ScheduleResponse,
  TeamMember,
  TeamResponse,
  TimelineEntry,
  TimelineStateDto,
  Vocabulary,
} from '../../../shared/api';

export type {
  CheckInDetailResponse as CheckInDetail,
  CheckInDto as CheckIn,
  CheckInStateDto as CheckInState,
  TimelineStateDto as TimelineState,
  CheckInTimelineResponse as CheckInTimeline,
  CommentDto,
  CreateRockRequest as RockDraft,
  MeResponse as Me,
  PersonSummary,
  PraiseDto as PraiseItem,
  RockChangeDto as RockChange,
  RockDeadlineDto as RockDeadline,
  RockDto as Rock,
  ScheduleEventDto as ScheduleEntry,
  ScheduleResponse as Schedule,
  TeamMember,
  TeamResponse as Team,
  TimelineEntry,
  Vocabulary,
};

export type RockStatus = RockDto['status'];
export type RockSlot = MeResponse['slots'][number];
export type RockWindow = MeResponse['rockWindows'][number];
export type AlignmentOption = MeResponse['alignment']['options'][number];

// Issue 15: the open check-in, as the tab's banner and form read it.
export type { CurrentCheckInResponse as CurrentCheckIn } from '../../../shared/api';
