import { AGENDA_LABEL_RE, UNNUMBERED_SECTION_RE } from './labels.js';
import type { WorkLine } from './work-line.js';

/** A line that may open an agenda item. */
export interface HeadingCandidate {
  index: number;
  kind: 'paragraph' | 'numbered' | 'bullet' | 'section' | 'markdown';
  /** The number as the document writes it ("3", "§ 26"), null for unnumbered forms. */
  number: string | null;
  value: number | null;
  title: string;
  /** Text that follows the title on the same line ("1. **Titel:** Diskussion om …"). */
  inline: string;
  /** Lines the title continues on (a § heading whose title is on the next line). */
  extraLines: number;
  /** A table-of-contents entry: the line ends in a page number after a column gap or dot leaders. */
  toc: boolean;
  /** How a numbered heading writes its number: "3." (dot), "3)" (paren) or "3 Titel" (bare). */
  style?: 'dot' | 'paren' | 'bare';
}

const PARAGRAPH_RE = /^§\s*(\d{1,4})(?:\s*[.:)]|\s|$)\s*(.*)$/;
const NUMBERED_RE = /^(?:[-*•]\s*)?(?:#{1,6}\s*)?(?:\*\*)?\s*(\d{1,2})\s*[.)](?:\*\*)?\s+(.*)$/;
const BARE_NUMBERED_RE = /^(\d{1,2})\s{1,6}(\p{Lu}[^\n]{2,100})$/u;
const BULLET_BOLD_RE = /^[-*•]\s+(?:\*\*(.+?)\*\*|(.+?)\*\*)\s*:?\s*$/;
const MD_HEADING_RE = /^(#{2,4})\s+(.+)$/;
const DNR_RE = /^(?:dnr|diarienr|diarienummer|dnr\.)\s*:?\s*([A-ZÅÄÖ]{0,6}\s*\d{2,4}[/.:-]\d+(?:[./:-]\d+)*)\s*/i;

/** Finds every line that could open an item, without deciding yet which ones do. */
export function findHeadingCandidates(lines: WorkLine[]): HeadingCandidate[] {
  const out: HeadingCandidate[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.noise || !line.text) continue;
    const candidate = readCandidate(lines, i);
    if (candidate) out.push(candidate);
  }
  return out;
}

function readCandidate(lines: WorkLine[], i: number): HeadingCandidate | null {
  const line = lines[i]!;
  const p = PARAGRAPH_RE.exec(line.text);
  if (p) {
    // "§ 41  Val av justerare  3" / "§ 41 Val av justerare ..... 3": an entry of a table of contents.
    const toc = /(?:\s{2,}|\.{3,}\s*)\d{1,3}\s*$/.test(line.raw);
    let title = toc ? p[2]!.replace(/[\s.]+\d{1,3}\s*$/, '').trim() : p[2]!.trim();
    if (toc) {
      return {
        index: i,
        kind: 'paragraph',
        number: `§ ${p[1]}`,
        value: Number(p[1]),
        title,
        inline: '',
        extraLines: 0,
        toc,
      };
    }
    let extraLines = 0;
    // "§ 26" alone, or followed only by a Dnr: the title is on the next content line.
    if (!title || (DNR_RE.test(title) && title.replace(DNR_RE, '').trim() === '')) {
      const next = nextContent(lines, i);
      if (next !== null && next - i <= 3 && !PARAGRAPH_RE.test(lines[next]!.text)) {
        title = `${title} ${lines[next]!.text}`.trim();
        extraLines = next - i;
        const wrapped = titleContinuation(lines, next);
        if (wrapped) {
          title = `${title} ${wrapped}`;
          extraLines++;
        }
      }
    } else {
      const wrapped = titleContinuation(lines, i);
      if (wrapped) {
        title = `${title} ${wrapped}`;
        extraLines = 1;
      }
    }
    return {
      index: i,
      kind: 'paragraph',
      number: `§ ${p[1]}`,
      value: Number(p[1]),
      title,
      inline: '',
      extraLines,
      toc,
    };
  }
  const md = MD_HEADING_RE.exec(line.raw);
  const n = NUMBERED_RE.exec(md ? `${md[2]}` : line.raw);
  if (n) {
    const { title, inline } = splitInlineHeading(n[2]!, line.raw);
    if (!title) return null;
    const wrapped = inline ? null : titleContinuation(lines, i);
    return {
      index: i,
      kind: 'numbered',
      number: n[1]!,
      value: Number(n[1]),
      title: wrapped ? `${title} ${wrapped}` : title,
      inline,
      extraLines: wrapped ? 1 : 0,
      toc: false,
      style: n[0]!.replace(/^[-*•#\s*]*\d{1,2}\s*/, '').startsWith(')') ? 'paren' : 'dot',
    };
  }
  // "1 Ekonomisk rapport per augusti 2024": regions and some councils number items without a dot.
  const bare = BARE_NUMBERED_RE.exec(line.text);
  if (bare && !/[.!?,;]$/.test(bare[2]!) && !/^\(?\d/.test(bare[2]!)) {
    const wrapped = titleContinuation(lines, i);
    return {
      index: i,
      kind: 'numbered',
      number: bare[1]!,
      value: Number(bare[1]),
      title: wrapped ? `${bare[2]!.trim()} ${wrapped}` : bare[2]!.trim(),
      inline: '',
      extraLines: wrapped ? 1 : 0,
      toc: false,
      style: 'bare',
    };
  }
  if (md) {
    const title = stripInline(md[2]!).replace(/[.:]$/, '').trim();
    return { index: i, kind: 'markdown', number: null, value: null, title, inline: '', extraLines: 0, toc: false };
  }
  const b = BULLET_BOLD_RE.exec(line.raw);
  if (b) {
    const title = stripInline(b[1] ?? b[2] ?? '')
      .replace(/[.:]$/, '')
      .trim();
    if (title && title.length <= 120) {
      return { index: i, kind: 'bullet', number: null, value: null, title, inline: '', extraLines: 0, toc: false };
    }
  }
  // "Nästa träff: 14 maj kl. 13–15 i Ålunda": a section whose text starts on its own line.
  const next = /^(nästa\s+(?:möte|träff|sammanträde|nätverksträff))\s*:\s*(\S.*)$/i.exec(line.text);
  if (next) {
    return {
      index: i,
      kind: 'section',
      number: null,
      value: null,
      title: next[1]!,
      inline: next[2]!,
      extraLines: 0,
      toc: false,
    };
  }
  if (UNNUMBERED_SECTION_RE.test(line.text) && !/^[-*•]/.test(line.raw)) {
    return {
      index: i,
      kind: 'section',
      number: null,
      value: null,
      title: line.text.replace(/[.:]$/, '').trim(),
      inline: '',
      extraLines: 0,
      toc: false,
    };
  }
  return null;
}

/**
 * A title wrapped onto a second line (PDF): the next line starts in lower case, is short, and a blank line or the
 * end follows it.
 */
function titleContinuation(lines: WorkLine[], i: number): string | null {
  const next = lines[i + 1];
  const after = lines[i + 2];
  // A title cannot end in a preposition or conjunction ("… trygghetsvärdar i" / "Hallstrandshems …").
  const open = /\s(?:i|och|om|för|av|till|med|på|från|inom|vid|samt|–|-)$/.test(lines[i]!.text);
  if (!next || next.noise || !next.text || next.text.length > 80) return null;
  // "(gäststuga)": a parenthesis that finishes the title.
  if (/^\([^()]{1,40}\)$/.test(next.text) && !/[.!?]$/.test(lines[i]!.text)) return next.text;
  if (!open && (!/^\p{Ll}/u.test(next.text) || next.text.length > 60)) return null;
  if (/^(?:samt\s+)?att\s/i.test(next.text) || /[.!?]$/.test(lines[i]!.text)) return null;
  return !after?.text || DNR_RE.test(after.text) || (open && !/[.!?]$/.test(next.text)) ? next.text : null;
}

function nextContent(lines: WorkLine[], i: number): number | null {
  for (let j = i + 1; j < lines.length; j++) {
    const l = lines[j]!;
    if (!l.noise && l.text) return j;
  }
  return null;
}

const INLINE_ASTERISK_RE = /(^|\s)\*(?=\S)|(?<=\S)\*(?=\s|$|[.,:;])/g;

function stripInline(text: string): string {
  const unbolded = text.replace(/\*\*|__/g, '');
  // The single-asterisk pattern tries its lookbehind at every position; most titles have no asterisk left.
  return (unbolded.includes('*') ? unbolded.replace(INLINE_ASTERISK_RE, '$1') : unbolded).trim();
}

/**
 * "Gymnasiesamarbetet prislistan – nästa steg:** Diskussion …" and "**Medverkan i …:** Region Skåne …": bold marks
 * where the title ends. Without markup, a long line with an early colon splits at the colon.
 */
function splitInlineHeading(afterNumber: string, raw: string): { title: string; inline: string } {
  const bold = /^\s*(?:\*\*)?(.+?)(?::\*\*|\*\*:|\*\*)\s*:?\s*(.*)$/.exec(afterNumber);
  if (bold && raw.includes('**')) {
    return { title: stripInline(bold[1]!).replace(/[.:]$/, '').trim(), inline: stripInline(bold[2]!) };
  }
  const text = stripInline(afterNumber);
  const colon = text.indexOf(': ');
  // "Föregående protokoll: Protokoll 2/2009 godkändes …": a short title, then a sentence of text. A colon inside
  // a title ("Tema: Digitalisering") is followed by no sentence.
  const rest = colon > 0 ? text.slice(colon + 2).trim() : '';
  const sentence = /[.!?”"]$/.test(rest) && rest.split(/\s+/).length >= 4;
  if (colon > 0 && colon <= 80 && !/[.!?]/.test(text.slice(0, colon)) && (sentence || text.length > 100)) {
    return { title: text.slice(0, colon).trim(), inline: rest };
  }
  return { title: text.replace(/[.:]$/, '').trim(), inline: '' };
}

/** Splits a "Dnr KS 2018/124" reference off a § title; the reference stays in the item's text. */
export function splitDnr(title: string): { title: string; dnr: string | null } {
  const m = DNR_RE.exec(title);
  if (m) return { title: title.slice(m[0].length).trim(), dnr: m[0].trim() };
  const tail = /\s+((?:dnr|diarienr)\.?\s*:?\s*[A-ZÅÄÖ]{0,6}\s*\d{2,4}[/.:-]\d+(?:[./:-]\d+)*)\s*$/i.exec(title);
  if (tail) return { title: title.slice(0, tail.index).trim(), dnr: tail[1]!.trim() };
  return { title, dnr: null };
}

/** True when a candidate reads like a title rather than a sentence of a numbered list inside an item. */
export function isPlausibleTitle(c: HeadingCandidate): boolean {
  const t = c.title;
  if (/^(?:samt\s+)?att\s/i.test(t)) return false;
  if (c.kind === 'paragraph') return true;
  if (c.inline) return t.length <= 120;
  if (t.length > 110) return false;
  if (/[.!?]$/.test(t) && t.length > 60) return false;
  // "1. Kommunstyrelsen godkänner …" is a decision point: a subject and a present-tense verb.
  if (
    /^\S+\s+(?:godkänner|beslutar|antar|fastställer|avslår|uppdrar|ger|noterar|lägger|tillstyrker|föreslår|överlämnar|beviljar|ställer)\b/i.test(
      t,
    )
  ) {
    return false;
  }
  return true;
}

/** True for a "Dagordning" / "Ärendelista" / "Innehållsförteckning" label line. */
export function isAgendaLabel(line: WorkLine): boolean {
  return AGENDA_LABEL_RE.test(line.text);
}

/** A table-of-contents entry ends with a page number, often after dot leaders ("§ 45 Individärende ..... 3"). */
export function stripTocPage(title: string): { title: string; toc: boolean } {
  const m = /^(.*?)(?:\s*\.{2,}\s*|\s+)(\d{1,3})$/.exec(title);
  if (m && (title.includes('..') || /\s{2,}\d{1,3}$/.test(title))) return { title: m[1]!.trim(), toc: true };
  return { title, toc: false };
}
