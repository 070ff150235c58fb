/**
 * Composes one meeting of a municipal board or committee (kommunstyrelse, nämnd) in the formal §-layout:
 * members by party, serving substitutes, officials, § items with registry numbers, decisions.
 */
import type { Referral } from '../../domain/document.js';
import { type Day, iso, type Minutes, ymd } from './calendar.js';
import { approval, assignment, information, other, referralClause, rejection, thanks } from './clauses.js';
import type { Attendee, Clause, ItemModel } from './model.js';
import { item } from './model.js';
import type { Rng } from './prng.js';
import type { FormalBody, Politician, World } from './world.js';

export interface FormalMeeting {
  body: FormalBody;
  day: Day;
  start: Minutes;
  end: Minutes;
  place: string;
  /** Beslutande, serving substitutes included. */
  present: Attendee[];
  /** Ersättare present but not serving: guests with role "ersättare". */
  substitutes: Attendee[];
  /** Övriga närvarande: guests. */
  officials: Attendee[];
  absent: Attendee[];
  /** Whether a "Frånvarande" list is written (otherwise the absent go unmentioned). */
  listAbsent: boolean;
  items: (ItemModel & { paragraph: number })[];
  adjournment: { item: number; from: Minutes; to: Minutes } | null;
  chair: string;
  secretary: string;
  adjuster: string;
}

const DISTRICTS = [
  'Norra hamnen',
  'Södra centrum',
  'kvarteret Linden',
  'Ekbacken',
  'Västra stationsområdet',
  'Solhem',
  'Björkhagen',
  'Sjöudden',
  'Kvarnbyn',
  'Östra industriområdet',
] as const;

type SubjectType =
  | 'report'
  | 'budget'
  | 'plan'
  | 'rules'
  | 'taxa'
  | 'motion'
  | 'citizen'
  | 'investment'
  | 'procurement'
  | 'consultation';

interface Subject {
  title: string;
  type: SubjectType;
  /** The object of the decision: "delårsrapporten", "internkontrollplanen för 2019". */
  object: string;
}

function subjects(rng: Rng, body: FormalBody, year: number): Subject[] {
  const d = rng.pick(DISTRICTS);
  // Every board follows up its year and plans the next; motions and citizens' proposals go to the executive board.
  const common: Subject[] = [
    { title: `Delårsrapport per 31 augusti ${year}`, type: 'report', object: 'delårsrapporten' },
    { title: `Internkontrollplan ${year + 1}`, type: 'plan', object: `internkontrollplanen för ${year + 1}` },
    {
      title: `Yttrande över remiss om ${rng.pick(['regional transportinfrastrukturplan', 'länsstyrelsens vattenförsörjningsplan', 'ny lag om kommunal planering', 'regionens kulturplan'])}`,
      type: 'consultation',
      object: 'yttrandet',
    },
  ];
  const executive: Subject[] = [
    {
      title: `Motion om ${rng.pick(['fler laddstolpar', 'solceller på kommunens tak', 'gratis kollektivtrafik för unga', 'fler parkbänkar', 'en fritidsbank'])}`,
      type: 'motion',
      object: 'motionen',
    },
    {
      title: `Medborgarförslag om ${`${rng.pick(['en hundrastgård', 'belysning längs gångvägen', 'ett utegym', 'sänkt hastighet'])} i ${d}`}`,
      type: 'citizen',
      object: 'medborgarförslaget',
    },
  ];
  const byKind: Record<string, () => Subject[]> = {
    KS: () => [
      ...executive,
      { title: `Årsredovisning ${year - 1}`, type: 'budget', object: `årsredovisningen för ${year - 1}` },
      {
        title: `Mål och budget ${year + 1}-${year + 3}`,
        type: 'budget',
        object: `mål och budget för ${year + 1}-${year + 3}`,
      },
      { title: 'Revidering av delegationsordning', type: 'rules', object: 'den reviderade delegationsordningen' },
      { title: `Attestordning ${year + 1}`, type: 'rules', object: `attestordningen för ${year + 1}` },
      { title: `Investering i ny förskola i ${d}`, type: 'investment', object: `ny förskola i ${d}` },
      {
        title: `Upphandling av ${rng.pick(['städtjänster', 'livsmedel', 'IT-drift', 'skolskjuts'])}`,
        type: 'procurement',
        object: 'upphandlingen',
      },
      {
        title: `Riktlinjer för ${rng.pick(['representation', 'sponsring', 'informationssäkerhet', 'lönebildning'])}`,
        type: 'rules',
        object: 'riktlinjerna',
      },
    ],
    BUN: () => [
      { title: `Skolplan ${year + 1}-${year + 4}`, type: 'plan', object: `skolplanen för ${year + 1}-${year + 4}` },
      { title: 'Resursfördelningsmodell för grundskolan', type: 'rules', object: 'resursfördelningsmodellen' },
      { title: 'Regler för skolskjuts', type: 'rules', object: 'reglerna för skolskjuts' },
      { title: `Systematiskt kvalitetsarbete ${year - 1}`, type: 'report', object: 'kvalitetsrapporten' },
      { title: `Förskoleplatser i ${d}`, type: 'investment', object: `tillfälliga förskolelokaler i ${d}` },
    ],
    SN: () => [
      { title: 'Riktlinjer för ekonomiskt bistånd', type: 'rules', object: 'riktlinjerna för ekonomiskt bistånd' },
      { title: 'Handlingsplan mot hemlöshet', type: 'plan', object: 'handlingsplanen mot hemlöshet' },
      { title: `Uppföljning av placeringar ${year}`, type: 'report', object: 'uppföljningen av placeringar' },
    ],
    TN: () => [
      {
        title: `Taxa för vatten och avlopp ${year + 1}`,
        type: 'taxa',
        object: `taxan för vatten och avlopp ${year + 1}`,
      },
      { title: `Renhållningstaxa ${year + 1}`, type: 'taxa', object: `renhållningstaxan för ${year + 1}` },
      { title: 'Trafiksäkerhetsplan', type: 'plan', object: 'trafiksäkerhetsplanen' },
      { title: `Gatubelysning i ${d}`, type: 'investment', object: `ny gatubelysning i ${d}` },
    ],
    KFN: () => [
      { title: `Föreningsbidrag ${year + 1}`, type: 'rules', object: `reglerna för föreningsbidrag ${year + 1}` },
      {
        title: `Biblioteksplan ${year + 1}-${year + 4}`,
        type: 'plan',
        object: `biblioteksplanen för ${year + 1}-${year + 4}`,
      },
      { title: `Konstnärlig gestaltning i ${d}`, type: 'procurement', object: 'gestaltningsuppdraget' },
    ],
    MBN: () => [
      { title: `Tillsynsplan ${year + 1}`, type: 'plan', object: `tillsynsplanen för ${year + 1}` },
      {
        title: `Taxa för plan- och bygglov ${year + 1}`,
        type: 'taxa',
        object: `taxan för plan- och bygglov ${year + 1}`,
      },
    ],
    VON: () => [
      { title: `Särskilt boende i ${d}`, type: 'investment', object: `ett nytt särskilt boende i ${d}` },
      { title: 'Riktlinjer för hemtjänst', type: 'rules', object: 'riktlinjerna för hemtjänst' },
      { title: `Kvalitetsberättelse ${year - 1}`, type: 'report', object: 'kvalitetsberättelsen' },
    ],
    SBN: () => [
      { title: `Detaljplan för ${d}`, type: 'plan', object: `detaljplanen för ${d}` },
      { title: 'Översiktsplan – samrådsredogörelse', type: 'report', object: 'samrådsredogörelsen' },
      { title: `Markanvisning i ${d}`, type: 'procurement', object: 'markanvisningen' },
    ],
  };
  const plan: Subject = {
    title: `Verksamhetsplan och budget ${year + 1}`,
    type: 'plan',
    object: `verksamhetsplanen och budgeten för ${year + 1}`,
  };
  return [...(byKind[body.kind.dnr]?.() ?? []), ...common, ...(body.kind.dnr === 'KS' ? [] : [plan])];
}

const BACKGROUND: Record<SubjectType, readonly string[]> = {
  report: [
    'Förvaltningen har sammanställt rapporten enligt gällande anvisningar. Rapporten visar att verksamheten i huvudsak bedrivs enligt plan och inom budget.',
    'Uppföljningen omfattar samtliga verksamheter och redovisar måluppfyllelse, ekonomi och personal.',
  ],
  budget: [
    'Förslaget har tagits fram i dialog med nämnderna och bygger på de ekonomiska förutsättningar som redovisades i vårpropositionen.',
    'Resultatet för perioden är bättre än budgeterat, främst till följd av högre skatteintäkter och lägre räntekostnader.',
  ],
  plan: [
    'Förvaltningen har tagit fram ett förslag som bygger på den risk- och väsentlighetsanalys som genomfördes under våren.',
    'Planen har tagits fram i bred dialog med berörda verksamheter och med representanter för brukare och medborgare.',
  ],
  rules: [
    'Gällande dokument har setts över med anledning av ändrad lagstiftning och förändringar i organisationen.',
    'De föreslagna ändringarna är främst redaktionella men innebär också en tydligare ansvarsfördelning.',
  ],
  taxa: [
    'Taxan föreslås höjas för att täcka ökade kostnader för drift och underhåll. Förslaget har jämförts med taxorna i närliggande kommuner.',
  ],
  motion: [
    'Förvaltningen har berett motionen och konstaterar att frågan delvis omhändertas inom befintliga uppdrag.',
    'Kostnaden för förslaget har beräknats och ryms inte inom nuvarande budgetram.',
  ],
  citizen: [
    'Förvaltningen har utrett förslaget och bedömer att det inte kan prioriteras under innevarande planperiod.',
    'Förslagsställaren har informerats om ärendets beredning.',
  ],
  investment: [
    'Behovet av utökad kapacitet har ökat till följd av befolkningsutvecklingen. Förvaltningen har tagit fram en förstudie med kostnadskalkyl.',
    'Investeringen ryms inom den av fullmäktige beslutade investeringsramen.',
  ],
  procurement: [
    'Nuvarande avtal löper ut och en ny upphandling behöver genomföras. Förvaltningen föreslår en avtalstid om två år med möjlighet till förlängning.',
  ],
  consultation: [
    'Kommunen har beretts möjlighet att yttra sig över remissen. Förvaltningen har tagit fram ett förslag till yttrande.',
  ],
};

function decisionsFor(rng: Rng, body: FormalBody, s: Subject, day: Day, later: Day[]): Clause[] {
  const S = body.kind.subject;
  const agency =
    body.kind.dnr === 'KS' ? rng.pick(['kommundirektören', 'förvaltningen', 'ekonomiavdelningen']) : 'förvaltningen';
  const reportBy = (): { text: string; value: string } => {
    const near = later.slice(0, 4).filter((d) => d - day <= 200);
    const t = near.length > 0 ? rng.pick(near) : day + rng.int(60, 200);
    return { text: `senast ${iso(t)}`, value: iso(t) };
  };
  switch (s.type) {
    case 'report':
      return rng.chance(0.8)
        ? [approval(`godkänna ${s.object}`, `${S} godkänner ${s.object}`)]
        : [information(`lägga ${s.object} till handlingarna`, `${S} lägger ${s.object} till handlingarna`)];
    case 'budget':
      return [
        approval(
          `föreslå kommunfullmäktige att anta ${s.object}`,
          `${S} föreslår kommunfullmäktige att anta ${s.object}`,
        ),
      ];
    case 'plan':
      return [approval(`fastställa ${s.object}`, `${S} fastställer ${s.object}`)];
    case 'rules': {
      const out = [approval(`anta ${s.object}`, `${S} antar ${s.object}`)];
      if (rng.chance(0.3))
        out.push(assignment(rng, [agency], 'informera berörda verksamheter om de nya reglerna', null, S));
      return out;
    }
    case 'taxa':
      return [
        approval(
          `föreslå kommunfullmäktige att fastställa ${s.object}`,
          `${S} föreslår kommunfullmäktige att fastställa ${s.object}`,
        ),
      ];
    case 'motion':
      return rng.chance(0.6)
        ? [
            rejection(
              'föreslå kommunfullmäktige att avslå motionen',
              `${S} föreslår kommunfullmäktige att avslå motionen`,
            ),
          ]
        : [other('anse motionen besvarad', `${S} anser motionen besvarad`)];
    case 'citizen':
      return rng.chance(0.6)
        ? [rejection('avslå medborgarförslaget', `${S} avslår medborgarförslaget`)]
        : [other('anse medborgarförslaget besvarat', `${S} anser medborgarförslaget besvarat`)];
    case 'investment': {
      const amount = rng.int(2, 90);
      const out = [
        approval(
          `bevilja investeringsmedel om ${amount} miljoner kronor för ${s.object}`,
          `${S} beviljar investeringsmedel om ${amount} miljoner kronor för ${s.object}`,
        ),
      ];
      if (rng.chance(0.6)) out.push(assignment(rng, [agency], 'återrapportera projektets utfall', reportBy(), S));
      return out;
    }
    case 'procurement': {
      const out = [assignment(rng, [agency], `genomföra ${s.object} enligt förvaltningens förslag`, null, S)];
      if (rng.chance(0.4)) out.push(assignment(rng, [agency], 'redovisa resultatet', reportBy(), S));
      return out;
    }
    case 'consultation':
      return [
        approval(
          'anta förvaltningens förslag till yttrande som sitt eget',
          `${S} antar förvaltningens förslag till yttrande som sitt eget`,
        ),
      ];
  }
}

function attendee(p: Politician, role: string | null, note: string | null = null): Attendee {
  return { name: p.person.name, organization: p.party, role, from: null, to: null, note };
}

/** Builds the meeting of a formal body held on `day`. */
export function composeFormalMeeting(world: World, rng: Rng, body: FormalBody, day: Day, later: Day[]): FormalMeeting {
  const { y: year } = ymd(day);
  const S = body.kind.subject;
  const start: Minutes = rng.pick([8 * 60 + 30, 9 * 60, 13 * 60, 13 * 60 + 30, 18 * 60]);
  const end: Minutes = start + 5 * rng.int(18, 48);

  // Members: the chair always present, up to two others absent and replaced by substitutes.
  const absentMembers = rng.sample(body.members.slice(1), rng.weighted([0, 1, 2], [4, 3, 2]));
  const subsPool = body.substitutes.slice();
  const serving: Politician[] = [];
  for (const a of absentMembers) {
    const same = subsPool.findIndex((s) => s.party === a.party);
    const idx = Math.max(same, 0);
    const s = subsPool.splice(idx, 1)[0];
    if (s) serving.push(s);
  }

  // Officials: the secretary and one to three of the body's officials.
  const [head, ...others] = body.kind.officials as [string, ...string[]];
  const officialTitles = [head, ...rng.sample(others, rng.int(0, others.length))];

  // Items: the agenda, with running § numbers for the year.
  const firstParagraph = (body.paragraphByYear.get(year) ?? 0) + 1;
  const models: ItemModel[] = [];
  if (rng.chance(0.5)) {
    models.push(
      item('Godkännande av dagordning', {
        clauses: [approval('godkänna dagordningen', `${S} godkänner dagordningen`)],
      }),
    );
  }
  const pool = subjects(rng, body, year);
  for (const s of rng.sample(pool, rng.int(3, Math.min(8, pool.length)))) {
    let dnrNo = (body.dnrByYear.get(year) ?? rng.int(1, 30)) + rng.int(1, 25);
    body.dnrByYear.set(year, dnrNo);
    const dnrYear = rng.chance(0.8) ? year : year - 1;
    if (dnrYear !== year) dnrNo = rng.int(100, 400);
    // The head of the office presents most matters; the others now and then.
    const presenterTitle = rng.chance(0.7) ? head : rng.pick(officialTitles);
    const presenter = world.official(body, presenterTitle);
    const paragraphs = [rng.pick(BACKGROUND[s.type])];
    if (rng.chance(0.2)) {
      const m = rng.pick(body.members.filter((x) => !absentMembers.includes(x)));
      paragraphs.push(`${m.person.name} (${m.party}) yrkar bifall till förvaltningens förslag.`);
    }
    let clauses = decisionsFor(rng, body, s, day, later);
    let referral: Referral | null = null;
    if (rng.chance(0.05)) {
      const bordlagd = rng.chance(0.5);
      clauses = [
        bordlagd
          ? referralClause('bordlägga ärendet', 'Ärendet bordläggs')
          : referralClause(
              'återremittera ärendet till förvaltningen för ytterligare beredning',
              'Ärendet återremitteras till förvaltningen för ytterligare beredning',
            ),
      ];
      referral = { to: null, date: null, text: '' };
    }
    const after: string[] = [];
    if (rng.chance(0.08)) {
      const m = rng.pick(
        body.members
          .slice(1)
          .filter((x) => !absentMembers.includes(x))
          .concat(serving),
      );
      after.push(`${m.person.name} (${m.party}) reserverar sig mot beslutet till förmån för eget yrkande.`);
    }
    if (rng.chance(0.25))
      after.push(`Beslutet skickas till ${rng.pick(['ekonomiavdelningen', 'förvaltningen', 'kommunfullmäktige'])}.`);
    models.push(
      item(s.title, {
        dnr: `Dnr ${body.kind.dnr} ${dnrYear}/${dnrNo}`,
        presenters: rng.chance(0.6) ? [{ name: presenter.name, desc: presenterTitle }] : [],
        presenterProse: null,
        paragraphs,
        clauses,
        referral,
        after,
      }),
    );
    const last = models[models.length - 1] as ItemModel;
    if (last.presenters.length > 0) {
      last.presenterProse = {
        sentence: `Ärendet redovisas av ${presenterTitle} ${presenter.name}.`,
        names: [presenter.name],
        first: false,
      };
    }
  }
  if (rng.chance(0.4)) {
    models.push(
      item(rng.pick(['Information från förvaltningen', 'Förvaltningschefen informerar', 'Aktuella frågor']), {
        paragraphs: [
          rng.pick([
            'Information lämnades om det ekonomiska läget, rekryteringar och pågående upphandlingar.',
            'Information lämnades om sjukfrånvaron och om arbetet med den nya organisationen.',
          ]),
        ],
        clauses: [thanks(rng, S)],
      }),
    );
  }
  if (rng.chance(0.5)) {
    models.push(
      item('Delegationsbeslut', {
        paragraphs: ['Redovisning av beslut fattade med stöd av delegation under perioden.'],
        clauses: [
          information(
            'lägga redovisningen av delegationsbeslut till handlingarna',
            'Redovisningen av delegationsbeslut läggs till handlingarna',
          ),
        ],
      }),
    );
  }
  if (rng.chance(0.4)) {
    models.push(
      item('Meddelanden', {
        clauses: [information('lägga meddelandena till handlingarna', 'Meddelandena läggs till handlingarna')],
      }),
    );
  }
  const items = models.map((m, i) => ({ ...m, paragraph: firstParagraph + i }));
  const lastParagraph = firstParagraph + items.length - 1;
  body.paragraphByYear.set(year, lastParagraph);

  // Attendance lines, now that the § range is known for "§§ a-b" notes.
  const span = (): string | null => {
    if (items.length < 3) return null;
    const a = firstParagraph + rng.int(0, 1);
    const b = rng.int(a + 1, lastParagraph);
    return `§§ ${a}-${b}`;
  };
  const chair = body.members[0] as Politician;
  const vice = body.members[1] as Politician;
  const present: Attendee[] = [attendee(chair, 'ordförande')];
  if (!absentMembers.includes(vice)) present.push(attendee(vice, 'vice ordförande'));
  const noteFor = rng.chance(0.15) ? rng.pick(body.members.slice(2)) : null;
  for (const m of body.members.slice(2)) {
    if (absentMembers.includes(m)) continue;
    present.push(attendee(m, null, m === noteFor ? span() : null));
  }
  for (const s of serving) present.push(attendee(s, 'tjänstgörande ersättare'));
  const substitutes = rng
    .sample(subsPool, rng.int(Math.min(1, subsPool.length), subsPool.length))
    .map((s) => attendee(s, 'ersättare'));
  const officials: Attendee[] = [
    {
      name: body.secretary.name,
      organization: null,
      role: rng.pick(['sekreterare', 'nämndsekreterare']),
      from: null,
      to: null,
      note: null,
    },
  ];
  for (const t of officialTitles) {
    const note = rng.chance(0.15) ? span() : null;
    officials.push({ name: world.official(body, t).name, organization: null, role: t, from: null, to: null, note });
  }
  const absent = absentMembers.map((m) => attendee(m, null));
  const adjusterPool = present.filter((p) => p.role !== 'ordförande');
  const adjuster = (adjusterPool.length > 0 ? rng.pick(adjusterPool) : (present[0] as Attendee)).name;

  let adjournment: FormalMeeting['adjournment'] = null;
  if (items.length >= 3 && rng.chance(0.1)) {
    const from = start + 5 * rng.int(8, Math.max(9, Math.floor((end - start) / 5) - 8));
    adjournment = { item: rng.int(1, items.length - 1), from, to: from + 5 * rng.int(2, 8) };
  }

  return {
    body,
    day,
    start,
    end,
    place: rng.pick(body.places),
    present,
    substitutes,
    officials,
    absent,
    listAbsent: absent.length > 0 && rng.chance(0.6),
    items,
    adjournment,
    chair: chair.person.name,
    secretary: body.secretary.name,
    adjuster,
  };
}
