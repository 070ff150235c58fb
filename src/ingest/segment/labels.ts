import { memo } from '../memo.js';

/**
 * The labels Swedish protocols use to open a part of the document. Each pattern matches at the start of a
 * (markup-free) line and captures what follows the label on the same line.
 */

export type AttendanceKind = 'present' | 'absent' | 'guests' | 'substitutes';

export const ATTENDANCE_LABELS: { re: RegExp; kind: AttendanceKind }[] = [
  { re: /^anm\S*\s+förhinder/iu, kind: 'absent' },
  { re: /^(?:frånvarande(?:\s+ledamöter)?|ej\s+närvarande|förhinder|anmält\s+frånvaro)/i, kind: 'absent' },
  {
    re: /^(?:inbjudna(?:\s+gäster)?|gäster|adjungerade?|övriga\s+(?:närvarande|deltagare|deltagande)|övriga|tjänstepersoner|tjänstemän|närvarande\s+tjänstemän|sekreterare(?=\s*:)|i\s+övrigt\s+närvarande)/i,
    kind: 'guests',
  },
  {
    re: /^(?:närvarande\s+)?(?:ersättare|suppleanter|suppleant|icke\s+tjänstgörande\s+ersättare|ej\s+tjänstgörande\s+ersättare)/i,
    kind: 'substitutes',
  },
  {
    re: /^(?:närvarande(?:\s+(?:tjänstepersoner|ledamöter|kommundirektörer))?|beslutande(?:\s+ledamöter)?|ledamöter|deltagare|tjänstgörande\s+ersättare|medverkande|närvarande\s+styrgrupp)/i,
    kind: 'present',
  },
];

/** Header fields of the first page. */
export const HEADER_LABELS: {
  re: RegExp;
  field:
    | 'timePlace'
    | 'date'
    | 'time'
    | 'place'
    | 'adjusters'
    | 'adjustTime'
    | 'paragraphs'
    | 'signatures'
    | 'minuteTaker'
    | 'notice';
}[] = [
  {
    re: /^(?:tid\s*(?:\/|och|&)\s*plats|plats\s*(?:\/|och|&)\s*tid|tid\s+och\s+plats|sammanträde)/i,
    field: 'timePlace',
  },
  { re: /^(?:datum|sammanträdesdatum|mötesdatum|dag)/i, field: 'date' },
  { re: /^(?:tid|klockslag)/i, field: 'time' },
  { re: /^(?:plats|lokal|mötesplats)/i, field: 'place' },
  { re: /^(?:justerare|utses\s+att\s+justera|justerande|protokollet\s+justeras\s+av)/i, field: 'adjusters' },
  {
    re: /^(?:justeringens\s+plats\s+och\s+tid|justering(?:ens)?\s+(?:tid|plats|datum)|justeringsdatum)/i,
    field: 'adjustTime',
  },
  { re: /^(?:paragrafer|paragraf)/i, field: 'paragraphs' },
  { re: /^underskrifter/i, field: 'signatures' },
  {
    re: /^(?:antecknare|antecknat\s+av|mötessekreterare|protokollförare|sekreterare|vid\s+tangenterna)(?=\s*:)/i,
    field: 'minuteTaker',
  },
  { re: /^(?:anslag\s*\/\s*bevis|bevis\s+om\s+anslag|anslagsbevis|anslag)\b/i, field: 'notice' },
];

/** Lines that open the decision part of an item. */
export const DECISION_LABEL_RE =
  /^(?:(?:\S+\s+){0,3}?(?:beslut(?:ar)?|beslöt|beslutade)(?:\s+(?:att|enligt följande|följande))?|beslutet|mötet\s+beslutar|beslutsförslag)\s*:?\s*$/i;
/** "Förslag till beslut" and the like: a proposal, which counts only when no decision follows. */
const PROPOSAL_LABEL_RE =
  /^(?:förslag\s+till\s+beslut|(?:\S+\s+){0,2}förslag(?:\s+till\s+beslut)?|(?:\S+\s+){0,2}föreslås\s+besluta|beslutsförslag|(?:\S+\s+){0,2}föreslår(?:\s+\S+){0,2}\s+besluta(?:\s+att)?|(?:\S+\s+){0,2}föreslår)\s*:?\s*$/i;
/** Every proposal label contains one of these words; a search for them rules out most lines cheaply. */
const PROPOSAL_WORD_RE = /förslag|föreslå/i;

/**
 * True for a proposal label line. The label pattern backtracks over the first words of every line it is tried on
 * (each item line, to find where parts start); most lines have neither word.
 */
export function isProposalLabel(text: string): boolean {
  return PROPOSAL_WORD_RE.test(text) && PROPOSAL_LABEL_RE.test(text);
}

/** Decision labels followed by the decision on the same line ("Beslut: att …", "Styrgruppen beslutar att …"). */
export const INLINE_DECISION_RE =
  /^(?:beslut\s*:|mötet\s+beslutar\s*:?|[\p{Lu}][\p{L}-]*(?:\s+[\p{L}-]+){0,3}\s+(?:beslutar|beslutade)\s*:?|beslöts(?:\s+(?:vidare|även|också|därefter|slutligen))?(?=\s)|(?:\S+\s+){0,2}beslöt(?![\p{L}])\s*:?)\s*(\S.*)$/iu;

/**
 * Every decision label, inline decision and decision lead-in contains one of these words. The patterns run on most
 * lines of every item and backtrack over their first words; this search rules most lines out for all of them.
 */
export const DECISION_WORD_RE = /beslut|beslöt/iu;

/** Parts of a formal paragraph that end its decision part. */
export const SECTION_LABEL_RE =
  /^(?:yrkanden?|yrkande|propositionsordning|proposition|omröstning(?:sresultat)?|reservation(?:er)?|protokollsanteckning(?:ar)?|beslutet\s+skickas\s+till|beslutet\s+expedieras\s+till|expedieras\s+till|skickas\s+till|ärendebeskrivning|ärendet|avgift|avgifter|upplysningar|upplysning|skäl\s+för\s+beslut(?:et)?|motivering|beslutsmotivering|överklagande|hur\s+man\s+överklagar|bakgrund|sammanfattning(?:\s+av\s+ärendet)?|beslutsunderlag|handlingar|underlag|jäv|deltar\s+inte\s+i\s+beslutet|beslutsgång|ajournering|bedömning|finansiering|överläggning|anteckning(?:ar)?|kommentar(?:er)?|ansvarig|åtgärd(?:er)?|diskussion)(?:\s*:\s*(.*)|\s*)$/i;

/** "Föredragande: …", "Föredragare", "Presentation av", "Redovisas av". */
export const PRESENTER_LABEL_RE =
  /^(?:föredragande|föredragare|föredrag(?:ning)?\s+av|presentatör(?:er)?|redovisas\s+av|ansvarig\s+för\s+punkten)\s*:?\s*(.*)$/i;

/** Lists of items at the start of a document. */
export const AGENDA_LABEL_RE =
  /^(?:dagordning|föredragningslista|ärendelista|ärendeförteckning|innehållsförteckning|innehåll|förteckning\s+över\s+ärenden|agenda|ärenden)\s*:?\s*$/i;

/** Known unnumbered sections. */
export const UNNUMBERED_SECTION_RE =
  /^(?:tematisk\s+uppföljning|övriga\s+frågor|övrigt|meddelanden|anmälningsärenden|delegationsbeslut|delegationsärenden|informationsärenden|information|nästa\s+möte|nästa\s+sammanträde|kommande\s+möten|mötets\s+öppnande|mötets\s+avslutande|val\s+av\s+justerare|godkännande\s+av\s+dagordning(?:en)?|föregående\s+(?:mötes\s+)?protokoll|aktuellt|rapporter|uppföljning|tema(?::\s*.*)?|incheckning|runda\s+bordet)\s*:?\s*$/i;

/** Structural headings that carry nothing themselves ("Ärenden och beredning"). */
export const STRUCTURAL_HEADING_RE =
  /^(?:ärenden(?:\s+och\s+beredning)?|beslutsärenden|dagens\s+ärenden|protokoll|sammanträdesprotokoll|minnesanteckningar)\s*:?\s*$/i;

/** Signature titles and the role each one stands for. */
export const SIGNATURE_TITLES: { re: RegExp; role: 'chair' | 'secretary' | 'adjuster' | 'other' }[] = [
  { re: /^(?:ordförande|ordf\.?|mötesordförande|tf\.?\s+ordförande|vice\s+ordförande)$/i, role: 'chair' },
  {
    re: /^(?:sekreterare|sekretariatschef|protokollförare|vid\s+tangenterna|vid\s+pennan|vid\s+anteckningarna|för\s+anteckningarna|vid\s+protokollet|antecknat\s+av|antecknades\s+av|antecknare|mötessekreterare|nämndsekreterare|kommunsekreterare)$/i,
    role: 'secretary',
  },
  { re: /^(?:justerare|justerande|justeras|justeras\s+av|justerat|justerandes\s+sign(?:atur)?)$/i, role: 'adjuster' },
  {
    re: /^(?:rätt\s+utdraget\s+(?:intygar|betygar|bestyrker)|utdraget\s+bestyrkes|rätt\s+avskrivet\s+intygar)$/i,
    role: 'other',
  },
];

/** All titles in one pattern: most text asked about is no title, and one test tells so instead of four. */
const ANY_SIGNATURE_TITLE_RE = new RegExp(SIGNATURE_TITLES.map(({ re }) => `(?:${re.source})`).join('|'), 'i');

type SignatureRole = (typeof SIGNATURE_TITLES)[number]['role'];

/** The role a signature title stands for, or null when the text is no signature title. */
export function signatureRole(title: string): SignatureRole | null {
  // Titles are a few words; longer text is never one (and this runs on many lines).
  return title.length > 45 ? null : shortTextRole(title);
}

/** Memoised: the signature readers ask about the same lines, cells and words several times each. */
const shortTextRole = memo((title: string): SignatureRole | null => {
  const t = title.trim().replace(/[:.]$/, '').replace(/\s+/g, ' ');
  if (!ANY_SIGNATURE_TITLE_RE.test(t)) return null;
  for (const { re, role } of SIGNATURE_TITLES) if (re.test(t)) return role;
  return null;
});

/** E-signature pages and their boilerplate (Underskriftssida, eIDAS, Scrive/Assently verification pages). */
export const ESIGN_START_RE =
  /^(?:underskriftssida|signatursida|verifikat|verifikation|signerat\s+av|transaktion\s+\d|dokumentet\s+har\s+(?:skrivits\s+under|signerats)\s+elektroniskt)/i;
export const ESIGN_LINE_RE =
  /(?:elektroniska?\s+underskrift|eIDAS|signaturvalidering|valideringstjänst|undertecknat\s+elektroniskt|signerat\s+elektroniskt|e-signering|BankID|PDF-läsare)/i;

/** Page numbers and furniture: "2 (87)", "Sida 3 av 9", "- 4 -", "Justerandes sign", "Utdragsbestyrkande". */
export const PAGE_FURNITURE_RE =
  /^(?:(?:sida|sid\.?|page)\s*\d+(?:\s*(?:\(|av|of|\/)\s*\d+\)?)?|\d{1,3}\s*\(\s*\d{1,3}\s*\)|\d{1,3}\s*(?:av|\/)\s*\d{1,3}|[-–]\s*\d{1,3}\s*[-–]|\d{1,3}|justerandes\s+sign(?:atur)?|justerandes\s+signaturer|utdragsbestyrkande|ordförandes\s+sign(?:atur)?|sekreterarens?\s+sign(?:atur)?|signatur|justering|(?:justerandes\s+sign\S*\s*)+(?:utdragsbestyrkande)?)$/i;

/** Contact details of the letterhead. */
export const CONTACT_RE =
  /(?:^(?:tel|telefon|mobil|fax|e-?post|mail|www)\b\.?\s*:?|[\w.+-]+@[\w-]+\.[\w.]+|(?:^|\s)(?:\+46|0)\d{1,3}[\s-]?\d{2,3}[\s-]?\d{2}[\s-]?\d{2}\b)/i;

/** Adjournments: "Mötet adjourneras kl 10.10", "Mötet återupptas kl 11.00", "Ajournering kl 10.05-10.20". */
export const ADJOURN_RE =
  /^(?:(?:mötet|sammanträdet)\s+(?:ajourneras|adjourneras|ajournerades|adjournerades)|ajournering|adjournering|paus)\b(.*)$/i;
export const RESUME_RE = /^(?:(?:mötet|sammanträdet)\s+(?:återupptas|återupptogs|återupptas\s+igen))\b(.*)$/i;

/**
 * Matches a label at the start of a line and returns what follows it. A label counts when a colon, a column gap
 * or the end of the line follows it, or (for forms that drop the colon, as flattened PDFs do) when `loose` accepts
 * the rest.
 */
export function matchLabel(line: string, re: RegExp, loose?: (rest: string) => boolean): string | null {
  const m = re.exec(line);
  if (!m) return null;
  const after = line.slice(m[0].length);
  const strict = /^(?:\s*:\s*|\s*$|\s{2,}|\t)/.exec(after);
  if (strict) return after.slice(strict[0].length).trim();
  if (/^\p{L}/u.test(after)) return null;
  const rest = after.trim();
  if (loose?.(rest)) return rest;
  return null;
}

/** Action lines of informal minutes: "Åtgärd: Ta fram … Ansvarig: Anna, klart 15/3". */
export const ACTION_RE =
  /^(?:åtgärd(?:er)?|beslut\s*\/\s*åtgärd|åtgärd\s*\/\s*beslut|att\s+göra|action|uppgift|todo)\s*:\s*(\S.*)$/i;
