import { formatDate } from '../i18n/index.js';
import type { View } from '../view.js';

/** "Kommundirektörsgruppen 10/2016, 18 november 2016": how a meeting is named in lists and titles. */
export function meetingName(
  view: View,
  meeting: { body: string | null; number?: string | null; date: string | null },
): string {
  const name = [meeting.body ?? view.t('common.noBody'), meeting.number].filter(Boolean).join(' ');
  return `${name}, ${formatDate(meeting.date, view.lang) ?? view.t('common.unknownDate')}`;
}
