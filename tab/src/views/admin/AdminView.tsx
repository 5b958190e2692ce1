import { useMe } from '../../shell/me';
import { ViewHeading } from '../ViewHeading';

/** Issue 15: PG administrators' trust-wide progress. Placeholder until the admin view lands. */
export default function AdminView() {
  useMe();
  return <ViewHeading>Trust progress</ViewHeading>;
}
