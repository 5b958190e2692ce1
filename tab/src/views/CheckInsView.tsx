import { ChatMultipleRegular } from '@fluentui/react-icons';
import { EmptyState } from './EmptyState';
import { OpenedItem } from './OpenedItem';
import { ViewHeading } from './ViewHeading';

export function CheckInsView({ itemId }: { itemId?: string }) {
  return (
    <>
      <ViewHeading>Check-ins</ViewHeading>
      {itemId && <OpenedItem view="check-ins" itemId={itemId} noun="check-in" />}
      <EmptyState icon={<ChatMultipleRegular />} title="Your check-ins will appear here">
        When a check-in window opens, Professional Growth asks you in Teams chat. Your answers and your reviewer’s
        responses are kept here.
      </EmptyState>
    </>
  );
}
