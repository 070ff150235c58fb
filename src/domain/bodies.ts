/**
 * Meeting words that name a body only indirectly. A "kommundirektörsmöte" is a meeting of the group of
 * municipal directors, so its protocol belongs to that body; the archive groups meetings by body.
 */
const BODY_ALIASES: [RegExp, string][] = [
  [/^kommundirektör(s)?(möte|mötet|gruppen|gruppens|grupp)$/i, 'Kommundirektörsgruppen'],
  [/^kd-?gruppen?$/i, 'Kommundirektörsgruppen'],
  [/^styrelse(?:möte|mötet|sammanträde)$/i, 'Styrelsen'],
];

/** The canonical body name for a written form, or the form itself with a capital first letter. */
export function canonicalBody(written: string): string {
  const compact = written.trim().replace(/\s+/g, ' ');
  for (const [re, body] of BODY_ALIASES) if (re.test(compact.replace(/\s/g, ''))) return body;
  const lower = compact === compact.toUpperCase() ? compact.toLowerCase() : compact;
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}
