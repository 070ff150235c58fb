import { matchKey, stableId } from '../domain/match-keys.js';
import {
  guessOrganisationKind,
  KNOWN_ORGANISATION_KEYS,
  knownOrganisations,
  type OrganisationKind,
} from '../domain/organisations.js';
import type { ArchiveSession } from '../store/ports.js';

/** The id of an organisation known up front (`secretariat`, `cooperation`, `municipality:1283`). */
export function knownOrganisationId(key: string): string {
  return stableId('o', key);
}

const SECRETARIAT_ID = knownOrganisationId(KNOWN_ORGANISATION_KEYS.secretariat);
const COOPERATION_ID = knownOrganisationId(KNOWN_ORGANISATION_KEYS.cooperation);

/** Municipality variants by match key, to find the municipality inside "Fastighetsförvaltningen Helsingborg". */
const MUNICIPALITY_BY_KEY = new Map(
  knownOrganisations()
    .filter((o) => o.kind === 'municipality')
    .flatMap((o) => o.variants.map((v) => [matchKey(v), knownOrganisationId(o.key)] as const)),
);

export interface OrganisationResolution {
  /** Organisation the text names, or null when it names none. */
  id: string | null;
  kind: OrganisationKind | null;
}

/**
 * Finds or creates the organisation behind a name as written in a protocol. Known variants map to the known
 * organisation ("Helsingborgs stad" → Helsingborg); an unknown name becomes a new organisation whose kind is guessed
 * from its words and whose parent is the municipality it names. `create: false` only looks up.
 */
export async function resolveOrganisation(
  session: ArchiveSession,
  written: string | null,
  options: { create?: boolean; now?: string; context?: 'attendance' | 'other' } = {},
): Promise<string | null> {
  if (!written) return null;
  const key = matchKey(written);
  if (!key) return null;
  let id = await session.organisations.findByVariant(key);
  if (!id) {
    // "Båstad kommun", "Landskronas stad": a municipality's name with a word the variant list does not spell out.
    const base = key.replace(/ (kommun|stad)$/, '');
    const municipality =
      base !== key ? (MUNICIPALITY_BY_KEY.get(base) ?? MUNICIPALITY_BY_KEY.get(base.replace(/s$/, ''))) : undefined;
    if (municipality) {
      id = municipality;
      if (options.create !== false) await session.organisations.putVariant(key, id);
    }
  }
  if (!id) {
    if (options.create === false) return null;
    id = stableId('o', `name:${key}`);
    if (!(await session.organisations.get(id))) {
      const words = key.split(' ');
      const parent = words.map((w) => MUNICIPALITY_BY_KEY.get(w)).find((p) => p !== undefined) ?? null;
      await session.organisations.create({
        id,
        name: written.trim(),
        kind: guessOrganisationKind(written),
        code: null,
        parentId: parent,
        createdAt: options.now ?? new Date().toISOString(),
      });
    }
    await session.organisations.putVariant(key, id);
  }
  // Someone attending "for" the cooperation (Thord Persson, Skåne Nordväst) is staff of its secretariat.
  if (options.context === 'attendance' && id === COOPERATION_ID) return SECRETARIAT_ID;
  return id;
}

export { COOPERATION_ID, SECRETARIAT_ID };
