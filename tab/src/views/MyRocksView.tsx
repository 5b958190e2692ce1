import { TargetArrowRegular } from '@fluentui/react-icons';
import { EmptyState } from './EmptyState';
import { OpenedItem } from './OpenedItem';
import { ViewHeading } from './ViewHeading';

export function MyRocksView({ itemId }: { itemId?: string }) {
  return (
    <>
      <ViewHeading>My rocks</ViewHeading>
      {itemId && <OpenedItem view="rocks" itemId={itemId} noun="rock" />}
      <EmptyState icon={<TargetArrowRegular />} title="Your rocks will appear here">
        Propose your rocks for this cycle, each with its success criteria, and your reviewer will agree them with you.
      </EmptyState>
    </>
  );
}
