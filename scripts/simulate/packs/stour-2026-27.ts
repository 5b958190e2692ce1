// The Stour Federation: group coaching check-ins (see stourGroups.ts).
import { stourHooks } from './stourGroups';

export default stourHooks();
