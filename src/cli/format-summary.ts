import type { Participant, ProtocolDocument } from '../domain/document.js';

const KIND_SV: Record<string, string> = {
  information: 'information',
  approval: 'godkännande',
  assignment: 'uppdrag',
  referral: 'hänskjutet',
  rejection: 'avslag',
  other: 'övrigt',
};

/** A readable Swedish summary of one document for a person at a terminal. */
export function formatSummary(doc: ProtocolDocument): string {
  const out: string[] = [];
  const title = [doc.body ?? 'Okänt organ', doc.number ? `protokoll ${doc.number}` : null].filter(Boolean).join(', ');
  out.push(`${title}${doc.organization ? ` (${doc.organization})` : ''}`);
  const time = doc.start ? ` kl ${doc.start}${doc.end ? `–${doc.end}` : ''}` : '';
  out.push(`  ${doc.date ?? 'datum saknas'}${time}${doc.place ? `, ${doc.place}` : ''}`);
  out.push(
    `  Närvarande ${doc.present.length}, förhinder ${doc.absent.length}, gäster ${doc.guests.length}  [${doc.source.name}]`,
  );
  const partial = doc.present.filter((p) => p.from || p.to);
  if (partial.length > 0) out.push(`  Del av mötet: ${partial.map(describePartial).join('; ')}`);
  for (const item of doc.items) {
    out.push(
      `  ${item.number ? `${item.number}.` : '–'} ${item.title}${item.presenters.length ? ` (${item.presenters.join(', ')})` : ''}`,
    );
    for (const d of item.decisions) {
      out.push(`      [${KIND_SV[d.kind]}] ${truncate(d.text, 110)}`);
      for (const a of d.assignments) {
        out.push(`        → ${a.assignees.join(', ') || '(ingen angiven)'}${a.due ? `, senast ${a.due}` : ''}`);
      }
    }
    if (item.referral) {
      out.push(
        `      ↪ flyttad${item.referral.to ? ` till ${item.referral.to}` : ''}${item.referral.date ? ` ${item.referral.date}` : ''}`,
      );
    }
  }
  for (const a of doc.adjournments) out.push(`  Ajournering ${a.from ?? '?'}–${a.to ?? '?'}`);
  if (doc.signatures.length > 0) {
    out.push(`  Underskrifter: ${doc.signatures.map((s) => `${s.name ?? '?'} (${s.title ?? s.role})`).join(', ')}`);
  }
  if (doc.warnings.length > 0) {
    out.push(`  Varningar (${doc.warnings.length}):`);
    for (const w of doc.warnings) out.push(`    ${w.line ? `rad ${w.line}: ` : ''}${w.message} [${w.code}]`);
  }
  return out.join('\n');
}

function describePartial(p: Participant): string {
  return `${p.name}${p.from ? ` från ${p.from}` : ''}${p.to ? ` till ${p.to}` : ''}`;
}

function truncate(text: string, n: number): string {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}
