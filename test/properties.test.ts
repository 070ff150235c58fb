import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../src/domain/errors.js';
import { parseProtocol } from '../src/ingest/pipeline.js';
import { assertValidDocument } from './support/schema.js';

const encoder = new TextEncoder();

// PROPERTY_RUNS raises the number of cases in a local run (the seed is set in test/support/fast-check-setup.ts).
const runs = Number(process.env.PROPERTY_RUNS ?? 300);

/** Either a schema-valid document or an AppError with a message naming the file; nothing else. */
async function parseOrExplain(bytes: Uint8Array, name: string): Promise<void> {
  try {
    const { document } = await parseProtocol({ bytes, name });
    assertValidDocument(document);
  } catch (error) {
    if (!isAppError(error)) throw error;
    expect(error.message).toContain(name);
  }
}

// Lines that look like protocol parts, so that random documents reach deep into the interpreters.
const protocolLine = fc.oneof(
  fc.constantFrom(
    'Kommundirektörsgruppens protokoll 10/2016',
    'Tid/Plats: 161118 kl. 08.30-12.30, Mind Park E7, Helsingborg.',
    'Närvarande: Palle Lundberg, Helsingborg, Herman Crespin från kl 09.00, Höganäs',
    'Anmält förhinder: Åke Svensson, Perstorp',
    'Beslut:',
    'Mötet beslutar',
    'att uppdra åt sekretariatet att redovisa i februari 2017',
    'samt att tacka för informationen.',
    '§ 26 Dnr KS 2018/124 Årsredovisning',
    '- Mötets öppnande**',
    'Punkten flyttades till kommundirektörsmöte 190816.',
    'Mötet adjourneras kl 10.10',
    'Vid tangenterna',
    'Justeras',
    'ordförande',
    '',
  ),
  fc.string({ maxLength: 120 }),
  fc.tuple(fc.integer({ min: 0, max: 40 }), fc.string({ maxLength: 60 })).map(([n, t]) => `${n}. ${t}`),
);

describe('parser properties', () => {
  it('never throws anything but a clear error for any text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(protocolLine, { maxLength: 60 }), async (lines) => {
        await parseOrExplain(encoder.encode(lines.join('\n')), 'random.txt');
      }),
      { numRuns: runs },
    );
  });

  it('never throws anything but a clear error for any bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2000 }),
        fc.constantFrom('x.txt', 'x.pdf', 'x.docx', 'x.md'),
        async (bytes, name) => {
          await parseOrExplain(bytes, name);
        },
      ),
      { numRuns: runs },
    );
  });

  it('survives damaged PDF and zip headers', async () => {
    const pdfHead = encoder.encode('%PDF-1.7\n');
    const zipHead = new Uint8Array([0x50, 0x4b, 0x03, 0x04]);
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), fc.boolean(), async (tail, pdf) => {
        const head = pdf ? pdfHead : zipHead;
        const bytes = new Uint8Array(head.length + tail.length);
        bytes.set(head);
        bytes.set(tail, head.length);
        await parseOrExplain(bytes, pdf ? 'broken.pdf' : 'broken.docx');
      }),
      { numRuns: Math.ceil(runs / 3) },
    );
  });
});

describe('parser regressions found by the properties', () => {
  it('keeps a decision point of punctuation only as text, not as an empty decision', async () => {
    const { document } = await parseProtocol({ bytes: encoder.encode('0. !\nBeslut:\n0. ;'), name: 'x.txt' });
    assertValidDocument(document);
    expect(document.items.flatMap((i) => i.decisions)).toHaveLength(0);
  });
});
