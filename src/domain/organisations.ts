import { matchKey } from './match-keys.js';
import known from './municipalities.json' with { type: 'json' };

/** What an organisation is; attendance and statistics treat municipalities and the secretariat specially. */
export const ORGANISATION_KINDS = [
  'cooperation',
  'municipality',
  'secretariat',
  'network',
  'company',
  'group',
  'administration',
  'other',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export interface KnownOrganisation {
  /** Stable key used to derive the id, e.g. `municipality:1283`. */
  key: string;
  name: string;
  kind: OrganisationKind;
  code: string | null;
  variants: string[];
}

const SECRETARIAT_KEY = 'secretariat';
const COOPERATION_KEY = 'cooperation';

/**
 * The organisations known before any protocol is read: the cooperation, its secretariat and the member
 * municipalities with their official codes and the variants protocols use ("Helsingborgs stad" → Helsingborg).
 */
export function knownOrganisations(): KnownOrganisation[] {
  const org = known.organization;
  const secretariatVariants = ['sekretariatet', org.secretariat];
  for (const name of [org.name, ...org.formerNames]) secretariatVariants.push(`sekretariatet ${name}`);
  return [
    { key: COOPERATION_KEY, name: org.name, kind: 'cooperation', code: null, variants: [org.name, ...org.formerNames] },
    { key: SECRETARIAT_KEY, name: 'Sekretariatet', kind: 'secretariat', code: null, variants: secretariatVariants },
    ...known.municipalities.map(
      (m): KnownOrganisation => ({
        key: `municipality:${m.code}`,
        name: m.name,
        kind: 'municipality',
        code: m.code,
        variants: [m.name, ...m.variants],
      }),
    ),
  ];
}

export const KNOWN_ORGANISATION_KEYS = { secretariat: SECRETARIAT_KEY, cooperation: COOPERATION_KEY } as const;

const KIND_RULES: ReadonlyArray<[RegExp, OrganisationKind]> = [
  [/sekretariat/, 'secretariat'],
  [/n[äa]tverk/, 'network'],
  [/tra[ie]n[eé]+grupp|grupp\b|gruppen\b|arbetsgrupp|styrgrupp/, 'group'],
  [/f[öo]rvaltning|kontor(et)?\b|enhet(en)?\b|avdelning/, 'administration'],
  [/\b(ab|hb|kb|a s|aps|as|udvikling|consulting|konsult)\b/, 'company'],
  [/\b(kommun|stad|region)\b/, 'municipality'],
];

/** Guesses the kind of an organisation first seen in a protocol from the words of its name. */
export function guessOrganisationKind(name: string): OrganisationKind {
  const key = matchKey(name);
  for (const [pattern, kind] of KIND_RULES) if (pattern.test(key)) return kind;
  return 'other';
}
