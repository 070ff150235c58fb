import { hiddenMeetings } from '../services/publication.js';
import type { View } from '../web/view.js';
import type { AppDeps } from './deps.js';

/** Meetings the viewer may not see: none for signed-in users, the unpublished ones for the public. */
export async function hiddenFor(deps: AppDeps, view: View): Promise<Set<string>> {
  return view.user ? new Set() : hiddenMeetings(deps.store);
}
