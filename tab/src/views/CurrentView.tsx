import type { Route } from '../routing/routes';
import { CheckInsView } from './CheckInsView';
import { MyRocksView } from './MyRocksView';
import { MyTeamView } from './MyTeamView';
import { PraiseView } from './PraiseView';
import { ScheduleView } from './ScheduleView';

export function CurrentView({ route }: { route: Route }) {
  switch (route.view) {
    case 'rocks':
      return <MyRocksView itemId={route.itemId} />;
    case 'check-ins':
      return <CheckInsView itemId={route.itemId} />;
    case 'praise':
      return <PraiseView />;
    case 'team':
      return <MyTeamView />;
    case 'schedule':
      return <ScheduleView />;
  }
}
