import { redactContactDetails } from '../domain/redact.js';
import type { SignedInUser } from '../services/accounts.js';
import { type Lang, type Translate, translator } from './i18n/index.js';

/** What every page needs to know about the request: language, viewer, CSRF token, where it is. */
export interface View {
  lang: Lang;
  t: Translate;
  user: SignedInUser | null;
  /** Token for the hidden `_csrf` field of every form. */
  csrf: string;
  /** Path and query of the current page, for the language switch and the sign-in return address. */
  path: string;
  query: string;
  /** Secretaries and admins: see warnings, correct, import, change statuses. */
  editor: boolean;
  /** Free text as the viewer may see it: contact details of private persons removed for anonymous viewers. */
  text(value: string): string;
}

export function makeView(input: {
  lang: Lang;
  user: SignedInUser | null;
  csrf: string;
  path: string;
  query: string;
}): View {
  const t = translator(input.lang);
  const labels = { email: t('redacted.email'), phone: t('redacted.phone') };
  return {
    ...input,
    t,
    editor: input.user?.role === 'secretary' || input.user?.role === 'admin',
    text: input.user ? (value) => value : (value) => redactContactDetails(value, labels),
  };
}
