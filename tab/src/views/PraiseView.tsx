import { HeartRegular } from '@fluentui/react-icons';
import { EmptyState } from './EmptyState';
import { ViewHeading } from './ViewHeading';

export function PraiseView() {
  return (
    <>
      <ViewHeading>Praise</ViewHeading>
      <EmptyState icon={<HeartRegular />} title="Praise will appear here">
        Praise you give colleagues in your check-ins, and praise they give you, is collected here.
      </EmptyState>
    </>
  );
}
