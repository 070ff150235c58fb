/**
 * The generated world: municipalities with their directors, cooperations with their directors' group and
 * secretariat, and formal bodies with their politicians. People keep their seats over the years, are replaced
 * now and then, and sometimes move to another municipality, so the archive built from the corpus has careers.
 */
import municipalityData from '../../domain/municipalities.json' with { type: 'json' };
import { genitive, inventedMunicipalities, inventName, kommunName } from './names.js';
import { hashSeed, Rng } from './prng.js';

export interface Person {
  id: number;
  name: string;
  /** Another spelling of the same person's name that a protocol may use, or null. */
  variant: string | null;
}

export interface Municipality {
  name: string;
  /** As the letterhead writes it: "Helsingborgs stad", "Bjuvs kommun". */
  letterhead: string;
  director: Person;
}

/** Someone who comes to the directors' group now and then to present: a project leader, a network's convenor. */
export interface Guest {
  person: Person;
  /** "projektledare", "strateg" … */
  role: string;
  municipality: Municipality;
}

const GUEST_ROLES = [
  'projektledare',
  'utredare',
  'strateg',
  'digitaliseringsdirektör',
  'näringslivschef',
  'utvecklingsledare',
  'processledare',
  'analytiker',
] as const;

export interface Cooperation {
  index: number;
  /** Familjen Helsingborg (Skåne Nordväst before 2016), the cooperation of the seeds. */
  real: boolean;
  municipalities: Municipality[];
  /** The chair's municipality. */
  lead: Municipality;
  secretariat: Person;
  places: readonly string[];
  /** The regular guests: a pool, so that the same people come back over the years. */
  guests: Guest[];
  /** Earlier heads of the secretariat, most recent last. */
  formerSecretariats: Person[];
  /** Trainee groups by number: their project leader and members. */
  trainees: Map<number, { leader: Person; members: Person[] }>;
  nameIn(year: number): string;
  mailDomain(year: number): string;
}

export interface Politician {
  person: Person;
  party: string;
}

export interface BodyKind {
  /** "Kommunstyrelsen", "Barn- och utbildningsnämnden". */
  name: string;
  /** Subject of a decision point: "Kommunstyrelsen", "Arbetsutskottet". */
  subject: string;
  /** Registry prefix in "Dnr KS 2018/124". */
  dnr: string;
  size: number;
  /** Titles of the officials who attend besides the secretary. */
  officials: readonly string[];
}

const BODY_KINDS: readonly BodyKind[] = [
  {
    name: 'Kommunstyrelsen',
    subject: 'Kommunstyrelsen',
    dnr: 'KS',
    size: 13,
    officials: ['kommundirektör', 'ekonomichef', 'kanslichef'],
  },
  {
    name: 'Barn- och utbildningsnämnden',
    subject: 'Barn- och utbildningsnämnden',
    dnr: 'BUN',
    size: 11,
    officials: ['förvaltningschef', 'ekonom', 'verksamhetschef'],
  },
  {
    name: 'Socialnämnden',
    subject: 'Socialnämnden',
    dnr: 'SN',
    size: 9,
    officials: ['socialchef', 'ekonom', 'enhetschef'],
  },
  {
    name: 'Tekniska nämnden',
    subject: 'Tekniska nämnden',
    dnr: 'TN',
    size: 9,
    officials: ['teknisk chef', 'projektledare', 'ekonom'],
  },
  {
    name: 'Kommunstyrelsens arbetsutskott',
    subject: 'Arbetsutskottet',
    dnr: 'KS',
    size: 5,
    officials: ['kommundirektör', 'kanslichef'],
  },
  {
    name: 'Kultur- och fritidsnämnden',
    subject: 'Kultur- och fritidsnämnden',
    dnr: 'KFN',
    size: 9,
    officials: ['kultur- och fritidschef', 'ekonom'],
  },
  {
    name: 'Miljö- och byggnadsnämnden',
    subject: 'Miljö- och byggnadsnämnden',
    dnr: 'MBN',
    size: 9,
    officials: ['miljöchef', 'bygglovschef', 'planarkitekt'],
  },
  {
    name: 'Vård- och omsorgsnämnden',
    subject: 'Vård- och omsorgsnämnden',
    dnr: 'VON',
    size: 11,
    officials: ['förvaltningschef', 'medicinskt ansvarig sjuksköterska', 'ekonom'],
  },
  {
    name: 'Samhällsbyggnadsnämnden',
    subject: 'Samhällsbyggnadsnämnden',
    dnr: 'SBN',
    size: 9,
    officials: ['samhällsbyggnadschef', 'planchef', 'trafikingenjör'],
  },
];

export interface FormalBody {
  index: number;
  municipality: Municipality;
  kind: BodyKind;
  /** Ordinary members; the first is the chair, the second the vice chair. */
  members: Politician[];
  substitutes: Politician[];
  secretary: Person;
  /** Officials by title; "kommundirektör" is the municipality's director. */
  officials: Map<string, Person>;
  places: readonly string[];
  /** Render decisions as numbered points ("1. Kommunstyrelsen godkänner …") or as "att" clauses. */
  numberedDecisions: boolean;
  /** Signature block as "Sekreterare / name" (true) or "name / sekreterare" (false). */
  titleFirstSignatures: boolean;
  /** Hard-wrapped lines, the way text comes out of a PDF. */
  wrapped: boolean;
  /** Running § number and registry number per year. */
  paragraphByYear: Map<number, number>;
  dnrByYear: Map<number, number>;
}

const PARTIES = ['S', 'M', 'SD', 'C', 'V', 'KD', 'L', 'MP'] as const;
const PARTY_WEIGHTS = [30, 22, 16, 9, 7, 6, 6, 4] as const;
const ELECTION_TERM_STARTS = new Set([2015, 2019, 2023]);

// biome-ignore format: a compact table reads better than one name per line
const ROOMS = [
  'Kullen', 'Tornet', 'Sundet', 'Ljungen', 'Åsen', 'Hamnen', 'Bryggan', 'Lärkan', 'Eken', 'Linden', 'Galleriet',
  'Salongen', 'Utsikten', 'Fyren',
] as const;
const REAL_PLACES = [
  'Mind Park E7, Helsingborg',
  'Mindpark Penthouse E7, Helsingborg',
  'Hotel Marina Plaza, lokal Sofiero',
  'Marina Plaza, lokal Galleriet, Helsingborg',
  'Bryggan i Höganäs',
  'Kommunhuset i Klippan, sal Ljungen',
  'Stadshuset i Landskrona, sal Citadellet',
  'Rådhuset i Ängelholm',
  'Kommunhuset i Båstad, Kattegattsalen',
  'Familjen Helsingborgs kansli, Helsingborg',
] as const;
const COOPERATION_DIRECTIONS = ['Norra', 'Södra', 'Östra', 'Västra', 'Mellersta', 'Inre', 'Yttre'] as const;
// biome-ignore format: a compact table reads better than one name per line
const COOPERATION_LANDS = [
  'Åsen', 'Dalen', 'Kusten', 'Slätten', 'Skogsbygden', 'Sjöbygden', 'Mon', 'Heden', 'Älvdalen', 'Bergslagen',
  'Fjärden', 'Skärgården', 'Sanden', 'Ådalen', 'Lidbygden', 'Höglandet', 'Vättern', 'Sundet', 'Leden', 'Backarna',
  'Markerna', 'Näset', 'Udden', 'Ängarna', 'Gläntan', 'Kullarna', 'Strandbygden', 'Viken', 'Lövbygden', 'Ekbygden',
  'Stenbygden', 'Sjölandet', 'Hallarna', 'Forsbygden', 'Tallmon',
] as const;
const COOPERATION_FORMS = ['Samverkan', 'Kommunförbundet'] as const;

function ascii(s: string): string {
  return s
    .toLowerCase()
    .replace(/[åä]/g, 'a')
    .replace(/ö/g, 'o')
    .replace(/[éè]/g, 'e')
    .replace(/ü/g, 'u')
    .replace(/[^a-z0-9]+/g, '');
}

const mailNames = new Map<string, string>();

/** Builds a plausible e-mail address of a person at a domain. */
export function mailOf(person: Person, domain: string): string {
  let local = mailNames.get(person.name);
  if (local === undefined) {
    const parts = person.name.split(' ');
    local = `${ascii(parts[0] ?? 'info')}.${ascii(parts.slice(1).join(''))}`;
    mailNames.set(person.name, local);
  }
  return `${local}@${domain}`;
}

/** The world of one corpus. Creates things on first use and ages them a year at a time. */
export class World {
  private readonly rng: Rng;
  private nextPersonId = 1;
  private readonly usedNames = new Set<string>();
  private readonly municipalities = new Map<string, Municipality>();
  private readonly cooperations = new Map<number, Cooperation>();
  private readonly bodies = new Map<number, FormalBody>();
  private readonly invented: string[];
  private year = 2011;

  constructor(seed: number) {
    this.rng = new Rng(hashSeed(seed, 'world'));
    // Shuffled, so that neighbours in a cooperation do not all end in "-by".
    this.invented = this.rng.shuffle(inventedMunicipalities());
  }

  /** A new person with a name not used before in this world (as far as the pools allow). */
  newPerson(): Person {
    let name = inventName(this.rng);
    for (let attempt = 0; attempt < 12 && this.usedNames.has(name.name); attempt++) name = inventName(this.rng);
    // 200 × 200 simple names run out in a large corpus: then double surnames, of which there are millions.
    while (this.usedNames.has(name.name)) name = inventName(this.rng, true);
    this.usedNames.add(name.name);
    return { id: this.nextPersonId++, name: name.name, variant: name.variant };
  }

  /** The municipality of that name, created with a director on first use. */
  municipality(name: string): Municipality {
    let m = this.municipalities.get(name);
    if (!m) {
      const real = municipalityData.municipalities.find((r) => r.name === name);
      const letterhead = real
        ? (real.variants.find((v) => / (stad|kommun)$/.test(v)) ?? kommunName(name))
        : kommunName(name);
      m = { name, letterhead, director: this.newPerson() };
      this.municipalities.set(name, m);
    }
    return m;
  }

  /** The n-th cooperation: 0 is Familjen Helsingborg, later ones are invented. */
  cooperation(index: number): Cooperation {
    let c = this.cooperations.get(index);
    if (c) return c;
    if (index === 0) {
      const munis = municipalityData.municipalities.map((r) => this.municipality(r.name));
      const lead = munis.find((m) => m.name === 'Helsingborg') ?? (munis[0] as Municipality);
      c = {
        index,
        real: true,
        municipalities: munis,
        lead,
        secretariat: this.newPerson(),
        places: REAL_PLACES,
        guests: this.guestPool(munis),
        formerSecretariats: [],
        trainees: new Map(),
        nameIn: (year) => (year < 2016 ? 'Skåne Nordväst' : 'Familjen Helsingborg'),
        mailDomain: (year) => (year < 2016 ? 'skanenordvast.se' : 'familjenhelsingborg.se'),
      };
    } else {
      const k = index - 1;
      const form = COOPERATION_FORMS[k % COOPERATION_FORMS.length] as string;
      const dir = COOPERATION_DIRECTIONS[Math.floor(k / COOPERATION_FORMS.length) % COOPERATION_DIRECTIONS.length];
      const landIndex = Math.floor(k / (COOPERATION_FORMS.length * COOPERATION_DIRECTIONS.length));
      const land = COOPERATION_LANDS[landIndex % COOPERATION_LANDS.length];
      const round = Math.floor(landIndex / COOPERATION_LANDS.length);
      const name = `${form} ${dir} ${land}${round > 0 ? ` ${round + 1}` : ''}`;
      const size = this.rng.int(5, 10);
      const start = (k * 7) % this.invented.length;
      const munis: Municipality[] = [];
      for (let i = 0; i < size; i++) {
        munis.push(this.municipality(this.invented[(start + i) % this.invented.length] as string));
      }
      const lead = munis[0] as Municipality;
      const places = munis
        .slice(0, 4)
        .flatMap((m) => [
          `Stadshuset i ${m.name}, sal ${this.rng.pick(ROOMS)}`,
          `${genitive(m.name)} kommunhus, rum ${this.rng.pick(ROOMS)}`,
        ]);
      const domain = `${ascii(name)}.se`;
      c = {
        index,
        real: false,
        municipalities: munis,
        lead,
        secretariat: this.newPerson(),
        places,
        guests: this.guestPool(munis),
        formerSecretariats: [],
        trainees: new Map(),
        nameIn: () => name,
        mailDomain: () => domain,
      };
    }
    this.cooperations.set(index, c);
    return c;
  }

  private guest(munis: readonly Municipality[]): Guest {
    return { person: this.newPerson(), role: this.rng.pick(GUEST_ROLES), municipality: this.rng.pick(munis) };
  }

  private guestPool(munis: readonly Municipality[]): Guest[] {
    return Array.from({ length: 16 }, () => this.guest(munis));
  }

  /** Trainee group `n` of a cooperation (created when first mentioned). */
  traineeGroup(c: Cooperation, n: number): { leader: Person; members: Person[] } {
    let g = c.trainees.get(n);
    if (!g) {
      g = { leader: this.newPerson(), members: Array.from({ length: 4 }, () => this.newPerson()) };
      c.trainees.set(n, g);
    }
    return g;
  }

  /** The n-th formal body: first the eleven member municipalities' boards, then invented municipalities'. */
  formalBody(index: number): FormalBody {
    let b = this.bodies.get(index);
    if (b) return b;
    const real = municipalityData.municipalities.map((r) => r.name);
    const realSlots = real.length * BODY_KINDS.length;
    let muniName: string;
    let kind: BodyKind;
    if (index < realSlots) {
      // 9 kinds and 11 municipalities are coprime: index mod each walks through every pair once, mixed.
      muniName = real[index % real.length] as string;
      kind = BODY_KINDS[index % BODY_KINDS.length] as BodyKind;
    } else {
      // Then municipality after municipality, each with all its boards.
      const k = index - realSlots;
      muniName = this.invented[Math.floor(k / BODY_KINDS.length) % this.invented.length] as string;
      kind = BODY_KINDS[k % BODY_KINDS.length] as BodyKind;
    }
    const municipality = this.municipality(muniName);
    const officials = new Map<string, Person>();
    for (const title of kind.officials) {
      if (title !== 'kommundirektör') officials.set(title, this.newPerson());
    }
    const house = this.rng.pick(['Kommunhuset', 'Stadshuset', 'Rådhuset']);
    b = {
      index,
      municipality,
      kind,
      members: Array.from({ length: kind.size }, () => this.politician()),
      substitutes: Array.from({ length: Math.max(3, Math.floor(kind.size / 2)) }, () => this.politician()),
      secretary: this.newPerson(),
      officials,
      places: [
        `${house}, sal ${this.rng.pick(ROOMS)}`,
        `${house}, sammanträdesrum ${this.rng.pick(ROOMS)}`,
        `${house} i ${muniName}, ${this.rng.pick(ROOMS)}salen`,
      ],
      numberedDecisions: this.rng.chance(0.7),
      titleFirstSignatures: this.rng.chance(0.6),
      wrapped: this.rng.chance(0.4),
      paragraphByYear: new Map(),
      dnrByYear: new Map(),
    };
    this.bodies.set(index, b);
    return b;
  }

  /** The person holding an official title of a body; the board's director is the municipality's. */
  official(body: FormalBody, title: string): Person {
    if (title === 'kommundirektör') return body.municipality.director;
    return body.officials.get(title) as Person;
  }

  private politician(): Politician {
    return { person: this.newPerson(), party: this.rng.weighted(PARTIES, PARTY_WEIGHTS) };
  }

  /** Ages everything that exists up to `year`: directors change and move, elections renew the bodies. */
  advanceTo(year: number): void {
    while (this.year < year) {
      this.year++;
      this.ageOneYear(this.year);
    }
  }

  private ageOneYear(year: number): void {
    for (const c of this.cooperations.values()) {
      if (this.rng.chance(0.08)) {
        c.formerSecretariats.push(c.secretariat);
        c.secretariat = this.newPerson();
      }
      c.guests = c.guests.map((g) => (this.rng.chance(0.08) ? this.guest(c.municipalities) : g));
      for (const n of [...c.trainees.keys()]) if (n < year - 2008) c.trainees.delete(n);
      for (const m of c.municipalities) {
        if (!this.rng.chance(0.09)) continue;
        const from = this.rng.pick(c.municipalities);
        if (from !== m && this.rng.chance(0.3)) {
          // A career: the director of a neighbouring member takes this seat, and that one gets a successor.
          m.director = from.director;
          from.director = this.newPerson();
        } else {
          m.director = this.newPerson();
        }
      }
    }
    const inCooperation = new Set([...this.cooperations.values()].flatMap((c) => c.municipalities));
    for (const m of this.municipalities.values()) {
      if (!inCooperation.has(m) && this.rng.chance(0.09)) m.director = this.newPerson();
    }
    const election = ELECTION_TERM_STARTS.has(year);
    for (const b of this.bodies.values()) {
      const p = election ? 0.4 : 0.04;
      b.members = b.members.map((x) => (this.rng.chance(p) ? this.politician() : x));
      b.substitutes = b.substitutes.map((x) => (this.rng.chance(p) ? this.politician() : x));
      if (election && this.rng.chance(0.4)) b.members = this.rng.shuffle(b.members);
      if (this.rng.chance(0.1)) b.secretary = this.newPerson();
      for (const title of b.officials.keys()) {
        if (this.rng.chance(0.08)) b.officials.set(title, this.newPerson());
      }
    }
  }
}
