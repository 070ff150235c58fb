import { describe, expect, it } from 'vitest';
import { redactContactDetails } from './redact.js';

const labels = { email: '[e-post]', phone: '[telefon]' };
const redact = (text: string) => redactContactDetails(text, labels);

describe('redactContactDetails', () => {
  it('removes personal e-mail addresses and keeps functional mailboxes', () => {
    expect(redact('Kontakta anna.andersson@helsingborg.se eller info@familjenhelsingborg.se.')).toBe(
      'Kontakta [e-post] eller info@familjenhelsingborg.se.',
    );
  });

  it('removes Swedish phone numbers written in the usual ways', () => {
    expect(redact('Ring 070-123 45 67, 042-10 50 00 eller +46 70 123 45 67.')).toBe(
      'Ring [telefon], [telefon] eller [telefon].',
    );
  });

  it('leaves dates, times, years and case numbers alone', () => {
    const text = 'Mötet 2016-11-18 kl. 08.30-12.10, dnr KS 2016/0123, protokoll 10/2016, 161118.';
    expect(redact(text)).toBe(text);
  });
});
