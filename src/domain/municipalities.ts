import data from './municipalities.json' with { type: 'json' };

/** A member municipality of the cooperation, with its official code (kommunkod) and written variants. */
export interface Municipality {
  name: string;
  code: string;
  variants: string[];
}

export const MUNICIPALITIES: readonly Municipality[] = data.municipalities;

/** The cooperation itself, with the names it had before ("Skåne Nordväst" until 2016). */
export const COOPERATION = data.organization;

const byKey = new Map<string, Municipality>();
for (const m of MUNICIPALITIES) {
  byKey.set(m.name.toLowerCase(), m);
  for (const v of m.variants) byKey.set(v.toLowerCase(), m);
}

/** The municipality a written form refers to ("Helsingborgs stad" → Helsingborg), or null. */
export function findMunicipality(written: string): Municipality | null {
  return byKey.get(written.trim().toLowerCase()) ?? null;
}

/** All written forms, longest first, for scanning text that lacks separators. */
export const MUNICIPALITY_FORMS: readonly string[] = [...byKey.keys()].sort((a, b) => b.length - a.length);
