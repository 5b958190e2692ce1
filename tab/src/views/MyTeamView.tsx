import { PeopleTeamRegular } from '@fluentui/react-icons';
import { EmptyState } from './EmptyState';
import { ViewHeading } from './ViewHeading';

export function MyTeamView() {
  return (
    <>
      <ViewHeading>My team</ViewHeading>
      <EmptyState icon={<PeopleTeamRegular />} title="Your team will appear here">
        If you review colleagues, you will see who has submitted a check-in, who is waiting for your response and
        who is overdue.
      </EmptyState>
    </>
  );
}
