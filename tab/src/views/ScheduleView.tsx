import { CalendarLtrRegular } from '@fluentui/react-icons';
import { useDateFormat } from '../shell/locale';
import { EmptyState } from './EmptyState';
import { ViewHeading } from './ViewHeading';

export function ScheduleView() {
  const formatDate = useDateFormat({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  return (
    <>
      <ViewHeading>Schedule</ViewHeading>
      <EmptyState icon={<CalendarLtrRegular />} title="The schedule will appear here">
        The dates of this cycle’s check-ins, rock-setting deadline and reviews will be listed here. Today is{' '}
        {formatDate(new Date())}.
      </EmptyState>
    </>
  );
}
