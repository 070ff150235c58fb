/*
 * Contact details of private persons are not shown to the public (GDPR; the protocols are public documents, their
 * web publication is not). Functional mailboxes of organisations stay: they are how the public reaches a body.
 */

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/** Swedish numbers: 042-10 50 00, 070-123 45 67, +46 70 123 45 67, 0046701234567. */
const PHONE = /(?<![\p{L}\p{N}])(?:\+46|0046|0)[\s-]?\(?\d{1,3}\)?(?:[\s-]?\d{2,4}){1,4}(?![\p{L}\p{N}])/gu;
const FUNCTIONAL_MAILBOXES = /^(?:info|kontakt|registrator|kommun|kundtjanst|kontaktcenter|post|press|webmaster)@/i;
const MIN_PHONE_DIGITS = 8;

export interface RedactionLabels {
  email: string;
  phone: string;
}

/** Replaces personal e-mail addresses and phone numbers in `text` by the labels (text or HTML alike). */
export function redactContactDetails(text: string, labels: RedactionLabels): string {
  return text
    .replace(EMAIL, (address) => (FUNCTIONAL_MAILBOXES.test(address) ? address : labels.email))
    .replace(PHONE, (number) => (number.replace(/\D/g, '').length >= MIN_PHONE_DIGITS ? labels.phone : number));
}
