import { Spinner } from '@fluentui/react-components';
import { lazy, Suspense } from 'react';
import type { Route } from '../routing/routes';

// Each view is its own chunk, so the first paint carries only the shell.
const MyRocksView = lazy(() => import('./rocks/MyRocksView'));
const CheckInsView = lazy(() => import('./checkins/CheckInsView'));
const PraiseView = lazy(() => import('./praise/PraiseView'));
const MyTeamView = lazy(() => import('./team/MyTeamView'));
const ScheduleView = lazy(() => import('./schedule/ScheduleView'));
const PolicyView = lazy(() => import('./policy/PolicyView'));
const GrowthView = lazy(() => import('./growth/GrowthView'));
const ReviewersView = lazy(() => import('./reviewers/ReviewersView'));
const GroupSessionsView = lazy(() => import('./group/GroupSessionsView'));
const ReviewsView = lazy(() => import('./reviews/ReviewsView'));
const TalentView = lazy(() => import('./talent/TalentView'));
const ModerationView = lazy(() => import('./talent/ModerationView'));
const SurveyView = lazy(() => import('./survey/SurveyView'));
const CareerView = lazy(() => import('./career/CareerView'));
const ReportsView = lazy(() => import('./reports/ReportsView'));
const AdminView = lazy(() => import('./admin/AdminView'));

function View({ route }: { route: Route }) {
  switch (route.view) {
    case 'rocks':
      return <MyRocksView itemId={route.itemId} />;
    case 'check-ins':
      return <CheckInsView itemId={route.itemId} />;
    case 'praise':
      return <PraiseView />;
    case 'team':
      return <MyTeamView itemId={route.itemId} />;
    case 'schedule':
      return <ScheduleView />;
    case 'policy':
      return <PolicyView />;
    case 'growth':
      return <GrowthView personId={route.itemId} />;
    case 'reviewers':
      return <ReviewersView itemId={route.itemId} />;
    case 'group':
      return <GroupSessionsView itemId={route.itemId} />;
    case 'reviews':
      return <ReviewsView itemId={route.itemId} />;
    case 'talent':
      return <TalentView />;
    case 'moderation':
      return <ModerationView />;
    case 'survey':
      return <SurveyView />;
    case 'career':
      return <CareerView personId={route.itemId} />;
    case 'reports':
      return <ReportsView />;
    case 'admin':
      return <AdminView />;
  }
}

export function CurrentView({ route }: { route: Route }) {
  return (
    <Suspense fallback={<Spinner size="small" label="Loading…" labelPosition="after" />}>
      <View route={route} />
    </Suspense>
  );
}
