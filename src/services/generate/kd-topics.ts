/**
 * What a directors' group talks about: the trainee programme, the operational plan, the budget, the networks,
 * projects, the airport, public transport, digitalisation … One function per subject, each returning an item
 * whose decisions, presenters and postponements are exactly known.
 */
import { type Day, iso, monthName, ymd, yymmdd } from './calendar.js';
import {
  approval,
  assignment,
  assignmentChain,
  type DueForm,
  dueFor,
  information,
  other,
  rejection,
  thanks,
} from './clauses.js';
import type { Clause, GuestEntry, ItemModel, Presenter } from './model.js';
import { item } from './model.js';
import type { Rng } from './prng.js';
import type { Cooperation, Guest, Municipality, Person } from './world.js';

export type KdLayout = 'seed2011' | 'seed2016' | 'seed2024';

/** Everything a subject needs to know about the meeting it is discussed at. */
export interface KdContext {
  rng: Rng;
  layout: KdLayout;
  day: Day;
  year: number;
  /** The cooperation's name this year ("Skåne Nordväst", "Familjen Helsingborg"). */
  org: string;
  coop: Cooperation;
  /** Directors present, with their municipality. */
  directors: { person: Person; municipality: Municipality }[];
  secretariat: Person;
  /** Later meetings of the same group, for due dates and postponements. */
  later: Day[];
  /** Guests the subjects bring; the renderer lists them under "Inbjudna gäster". */
  guests: GuestEntry[];
  /** Pool guests already invited to this meeting. */
  invited: Set<Guest>;
  traineeGroup(n: number): { leader: Person; members: Person[] };
}

const NETWORKS = [
  'HR-nätverket',
  'Skolchefsnätverket',
  'ekonominätverket',
  'kommunikatörsnätverket',
  'socialchefsnätverket',
  'miljöchefsnätverket',
  'planchefsnätverket',
  'kulturchefsnätverket',
  'nätverket för vuxenutbildning',
  'nätverket för digitalisering',
  'nätverket för arbetsmarknad',
  'nätverket Näringsliv & Destination',
] as const;

const TARGET_AREAS = [
  'Lärande',
  'Näringsliv',
  'Miljö',
  'Infrastruktur och kommunikationer',
  'Öppenhet och inkludering',
  'Attraktiv livsmiljö',
  'Kompetensförsörjning',
] as const;

/** The network that reports on each target area at a thematic follow-up. */
const AREA_NETWORK: Record<(typeof TARGET_AREAS)[number], string> = {
  Lärande: 'Skolchefsnätverket',
  Näringsliv: 'nätverket Näringsliv & Destination',
  Miljö: 'miljöchefsnätverket',
  'Infrastruktur och kommunikationer': 'planchefsnätverket',
  'Öppenhet och inkludering': 'nätverket för arbetsmarknad',
  'Attraktiv livsmiljö': 'kulturchefsnätverket',
  Kompetensförsörjning: 'HR-nätverket',
};

const TRAINEE_PROJECTS = [
  'Representation och kompetens – praktik för nyanlända akademiker',
  'Unga vuxna som resurs i välfärden',
  'Gemensam introduktion för nya medarbetare',
  'Digitala verktyg för medborgardialog',
  'Kompetensväxling mellan kommunerna',
  'Hållbara resor till och från arbetet',
  'Arbetsgivarerbjudandet i samverkan',
  'Minskad arbetslöshet för kvinnor med utländsk bakgrund',
] as const;

const PROJECTS = [
  'Cirkulära försörjningssystem',
  'Tillgänglighetsguide steg 2',
  'Digital plattform för materialåterbruk',
  'Gemensam vuxenutbildning',
  'Stärkt företagsklimat',
  'Den självmarknadsförande regionen',
  'Steps to Employ',
  'Gemensam e-arkivlösning',
  'Fossilfria transporter',
  'Framtidens kompetens',
  'Bredband på landsbygden',
  'Trygghet i stadsmiljön',
] as const;

export function written(rng: Rng, person: Person, pVariant: number): string {
  return person.variant !== null && rng.chance(pVariant) ? person.variant : person.name;
}

function letterheadTitle(rng: Rng, m: Municipality): string {
  return m.letterhead.endsWith('stad') ? rng.pick(['Stadsdirektör', 'stadsdirektör']) : 'kommundirektör';
}

/** A later meeting of the group to report to or postpone to; a date a few months ahead when none is near. */
function target(ctx: KdContext, minIndex = 0, maxIndex = 2): Day {
  const options = ctx.later.slice(minIndex, maxIndex + 1).filter((d) => d - ctx.day <= 200);
  if (options.length > 0) return ctx.rng.pick(options);
  return ctx.day + ctx.rng.int(35, 120);
}

function due(
  ctx: KdContext,
  forms: readonly DueForm[] = ['month', 'iso', 'month', 'dayMonth', 'monthNoYear'],
): ReturnType<typeof dueFor> {
  const f: readonly DueForm[] = ctx.layout === 'seed2011' ? [...forms, 'midMonth'] : forms;
  return dueFor(ctx.rng, ctx.day, target(ctx, 0, 3), f);
}

function aDirector(ctx: KdContext): { person: Person; municipality: Municipality } {
  return ctx.rng.pick(ctx.directors);
}

function network(ctx: KdContext): string {
  return ctx.rng.pick(NETWORKS);
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** One of the cooperation's regular guests comes to present; listed under "Inbjudna gäster". */
function guest(ctx: KdContext, notFrom: Municipality | null = null): Guest & { name: string } {
  const fresh = ctx.coop.guests.filter((g) => !ctx.invited.has(g) && g.municipality !== notFrom);
  const g = fresh.length > 0 ? ctx.rng.pick(fresh) : ctx.rng.pick(ctx.coop.guests);
  if (!ctx.invited.has(g)) {
    ctx.invited.add(g);
    ctx.guests.push({ names: [g.person.name], organization: g.municipality.letterhead, role: g.role, group: false });
  }
  return { ...g, name: g.person.name };
}

/** The secretariat presents: "Föredragande: A, sekretariatschef" or "A redovisar …" / "Ärendet redovisas av A". */
function bySecretariat(ctx: KdContext, obj: string): Pick<ItemModel, 'presenters' | 'presenterProse'> {
  const name = written(ctx.rng, ctx.secretariat, 0.1);
  const sentence = ctx.rng.weighted(
    [`${name} redovisar ${obj}.`, `Ärendet redovisas av ${name}.`, `${name} informerade om ${obj}.`],
    [3, 2, 2],
  );
  return {
    presenters: [{ name: ctx.secretariat.name, desc: 'sekretariatschef' }],
    presenterProse: { sentence, names: [name], first: !sentence.startsWith('Ärendet') },
  };
}

/** A director presents. */
function byDirector(ctx: KdContext, obj: string): Pick<ItemModel, 'presenters' | 'presenterProse'> {
  const d = aDirector(ctx);
  const name = written(ctx.rng, d.person, 0.1);
  const sentence = ctx.rng.pick([
    `${name} rapporterade om ${obj}.`,
    `${name} presenterar ${obj}.`,
    `${name} berättade om ${obj}.`,
  ]);
  const desc = ctx.rng.chance(0.6)
    ? `${letterheadTitle(ctx.rng, d.municipality)} ${d.municipality.letterhead}`
    : d.municipality.letterhead;
  return {
    presenters: [{ name: d.person.name, desc }],
    presenterProse: { sentence, names: [name], first: true },
  };
}

/** One or two invited guests present. */
function byGuests(ctx: KdContext, obj: string, count: 1 | 2): Pick<ItemModel, 'presenters' | 'presenterProse'> {
  const a = guest(ctx);
  const { role, municipality: m } = a;
  if (count === 1) {
    const title = role === 'projektledare' ? 'projektledaren' : role === 'utredare' ? 'utredaren' : null;
    const sentence = title
      ? `Ärendet redovisas av ${title} ${a.name}, ${m.letterhead}.`
      : ctx.rng.pick([`${a.name} redovisar ${obj}.`, `${a.name} presenterar ${obj}.`]);
    return {
      presenters: [{ name: a.name, desc: `${role} ${m.letterhead}` }],
      presenterProse: { sentence, names: [a.name], first: !sentence.startsWith('Ärendet') },
    };
  }
  const b = guest(ctx);
  const m2 = b.municipality;
  const sentence = ctx.rng.pick([
    `${a.name} och ${b.name} föredrog ${obj}.`,
    `${a.name} och ${b.name} presenterar ${obj}.`,
  ]);
  const presenters: Presenter[] =
    m === m2
      ? [
          { name: a.name, desc: null },
          { name: b.name, desc: m.letterhead },
        ]
      : [
          { name: a.name, desc: m.letterhead },
          { name: b.name, desc: m2.letterhead },
        ];
  return { presenters, presenterProse: { sentence, names: [a.name, b.name], first: true } };
}

// ---------------------------------------------------------------------------------------------------------------
// Subjects

function traineeRecruitment(ctx: KdContext): ItemModel {
  const { rng, year } = ctx;
  const round = year - 2005;
  const ann = ymd(ctx.day + rng.int(10, 40));
  const paras = [
    `Tjänsterna till traineeprogrammet omgång ${round} annonseras den ${ann.d} ${monthName(ann.m)}. Gruppen informerades om marknadsföringen och rekryteringsprocessen.`,
    rng.pick([
      'Gruppen uppmanades att sprida information om tjänsterna i respektive kommuns egna kanaler.',
      'Varje kommun tar emot minst en trainee under programmets två år och utser en handledare.',
      'Intresset för programmet har ökat och förra omgången fick drygt fyrahundra ansökningar.',
    ]),
  ];
  const clauses: Clause[] = rng.chance(0.6)
    ? [thanks(rng)]
    : [approval(`godkänna tidplanen för rekryteringen till traineeprogrammet omgång ${round}`), thanks(rng)].slice(
        0,
        rng.int(1, 2),
      );
  return item(`Traineeprogrammet omgång ${round}`, {
    ...bySecretariat(ctx, `upplägget för omgång ${round}`),
    paragraphs: paras,
    clauses,
  });
}

function traineeFinal(ctx: KdContext): ItemModel {
  const { rng, year } = ctx;
  const group = year - 2006;
  const project = rng.pick(TRAINEE_PROJECTS);
  const [a, b] = ctx.rng.sample(ctx.traineeGroup(group).members, 2) as [Person, Person];
  ctx.guests.push({ names: [a.name, b.name], organization: `traineegrupp ${group}`, role: null, group: false });
  const net = network(ctx);
  const paras = [
    `Traineegrupp ${group} har drivit ett projekt som heter ”${project}”. Huvudmålet har varit att ta fram ett material som kan användas i ${ctx.org}s verksamheter.`,
    'Traineegruppen redovisar slutrapporten som innehåller en handbok, lärdomar i projektet samt förslag till hur man kan gå vidare i nästa fas.',
  ];
  const clauses: Clause[] = [
    assignment(rng, [net], 'bli ägare av konceptet', null),
    other(`handboken publiceras på ${ctx.org}s webbplats för att kunna vara tillgänglig för samtliga kommuner`),
    other('tacka traineegruppen för ett väl genomfört projektarbete'),
  ];
  return item(`Slutlig redovisning av projekt, traineegrupp ${group}`, {
    presenters: [
      { name: a.name, desc: null },
      { name: b.name, desc: `traineegrupp ${group}` },
    ],
    paragraphs: paras,
    clauses: rng.chance(0.5) ? clauses : clauses.slice(1),
  });
}

function traineeIdeas(ctx: KdContext): ItemModel {
  const { rng, year } = ctx;
  const group = year - 2005;
  if (ctx.layout === 'seed2011') {
    const leader = ctx.rng.chance(0.6) ? ctx.traineeGroup(group).leader.name : undefined;
    ctx.guests.push({ names: [`Trainéegrupp ${group}`], organization: null, role: null, group: true, leader });
  } else {
    ctx.guests.push({ names: [`hela traineegrupp ${group}`], organization: null, role: null, group: true });
  }
  const [p1, p2] = rng.sample(TRAINEE_PROJECTS, 2) as [string, string];
  const area = rng.pick(TARGET_AREAS);
  const paras = [
    `Den nya gruppen av traineer har arbetat fram två förslag till projektidéer. Förslag 1 ”${p1}” har koppling till målområde ${area}. Förslag 2 ”${p2}” syftar till att skapa en plattform för kompetensutbyte mellan medarbetarna i kommunerna.`,
  ];
  const nr = rng.int(1, 2);
  const clauses: Clause[] = [approval(`anta förslag nr ${nr} ”${nr === 1 ? p1 : p2}” som huvudprojekt`)];
  if (rng.chance(0.6)) clauses.push(assignment(rng, ['HR-nätverket'], 'fungera som styrgrupp för traineerna', null));
  return item(`Presentation av projektidéer traineegrupp ${group}`, { paragraphs: paras, clauses });
}

function operationalPlan(ctx: KdContext): ItemModel {
  const { rng, year } = ctx;
  const y = ymd(ctx.day).m >= 8 ? year + 1 : year;
  const paras = [
    `Föreligger förslag till verksamhetsplan för ${y}-${y + 2}. Planen bygger på de prioriteringar som styrelsen gjorde vid internatet och på nätverkens inspel under våren.`,
  ];
  if (rng.chance(0.5)) {
    paras.push(
      rng.pick([
        'Gruppen diskuterade hur målområdena ska följas upp och hur nätverken ska rapportera.',
        'Synpunkter lämnades på formuleringarna om kompetensförsörjning och om bostadsbyggande.',
        'Gruppen betonade vikten av att planen är kort och möjlig att följa upp.',
      ]),
    );
  }
  const clauses: Clause[] = [
    approval(
      rng.pick([
        'efter smärre justeringar anta föreliggande förslag och överlämna det till styrelsen för beslut',
        `anta förslaget till verksamhetsplan ${y}-${y + 2} och överlämna det till styrelsen för beslut`,
        `godkänna förslaget till verksamhetsplan ${y}-${y + 2}`,
      ]),
    ),
  ];
  return item(`Verksamhetsplan ${y}-${y + 2}`, {
    ...bySecretariat(ctx, `förslaget till verksamhetsplan ${y}-${y + 2}`),
    paragraphs: paras,
    clauses,
  });
}

function budget(ctx: KdContext): ItemModel {
  const { rng, year } = ctx;
  const fee = rng.int(18, 29);
  const paras = [
    `Uppföljningen visar att verksamheten håller sig inom ramen för innevarande års budget. Budgetförslaget för ${year + 1} bygger på ${rng.pick(['oförändrad', 'en höjd'])} medlemsavgift med ${fee} kr/invånare.`,
  ];
  const clauses: Clause[] = [
    information(`lägga uppföljningen för ${year} till handlingarna`),
    approval(`ställa sig bakom förslaget till budget för ${year + 1} och överlämna det till styrelsen för beslut`),
  ];
  return item(`Ekonomisk uppföljning av budget ${year} och förslag till budget ${year + 1}`, {
    ...bySecretariat(ctx, `uppföljning av innevarande årsbudget samt förslag till budget för år ${year + 1}`),
    paragraphs: paras,
    clauses,
  });
}

function networkReport(ctx: KdContext): ItemModel {
  const { rng } = ctx;
  const net = network(ctx);
  const paras = [
    `${cap(net)} har under året arbetat med ${rng.pick(['gemensamma rutiner', 'erfarenhetsutbyte', 'en gemensam handlingsplan', 'kompetensutveckling för medarbetarna'])} och ${rng.pick(['träffas fyra gånger per termin', 'har utsett en ny sammankallande', 'har tagit fram en lägesbild för kommunerna', 'önskar ett tydligare uppdrag från kommundirektörsgruppen'])}.`,
  ];
  if (rng.chance(0.5))
    paras.push('Gruppen diskuterade hur nätverkets arbete kan kopplas tydligare till verksamhetsplanen.');
  const clauses: Clause[] = [thanks(rng)];
  if (rng.chance(0.4)) {
    clauses.push(assignment(rng, [net], 'ta fram en handlingsplan för kommande år', due(ctx)));
  }
  return item(`Rapport från ${net}`, { ...byGuests(ctx, 'nätverkets arbete', 1), paragraphs: paras, clauses });
}

function projectFunding(ctx: KdContext): ItemModel {
  const { rng } = ctx;
  const project = rng.pick(PROJECTS);
  const amount = rng.int(4, 40) * 50;
  const paras = [
    `Ansökan avser medel för projektet ${project} under ${rng.pick(['ett', 'två', 'tre'])} år. Projektet ska engagera samtliga kommuner och redovisa resultat till styrelsen varje halvår.`,
  ];
  const roll = rng.float();
  let clauses: Clause[];
  if (roll < 0.55) {
    clauses = [approval(`bevilja projektmedel om ${amount} tkr till projektet ${project}`)];
    if (rng.chance(0.5)) {
      clauses.push(assignment(rng, ['projektledaren'], 'lämna en lägesrapport till kommundirektörsgruppen', due(ctx)));
    }
  } else if (roll < 0.8) {
    clauses = [rejection(`avslå ansökan om projektmedel för ${project} i dess nuvarande form`)];
  } else {
    clauses = assignmentChain(
      rng,
      ['sekretariatet'],
      `komplettera ansökan för projektet ${project} med en budget`,
      'utvärdera möjligheten till extern finansiering',
      'redovisa ärendet på kommundirektörsgruppen',
      dueFor(rng, ctx.day, target(ctx, 0, 2), ['month']),
    );
  }
  return item(`Ansökan om projektmedel – ${project}`, {
    ...byGuests(ctx, `projektet ${project}`, rng.chance(0.3) ? 2 : 1),
    paragraphs: paras,
    clauses,
  });
}

function airport(ctx: KdContext): ItemModel {
  const { rng } = ctx;
  const name = ctx.coop.real ? 'Ängelholm Helsingborg Airport' : `${ctx.coop.lead.name} flygplats`;
  const paras = [
    rng.pick([
      `Dialog kring närvaro och förankring med anledning av ${name}s öppna möte.`,
      `Diskussion om ${name}s utveckling och om kommunernas roll som ägare och kunder.`,
      `Lägesrapport om trafikutvecklingen vid ${name} och om de nya linjerna till hösten.`,
    ]),
  ];
  const clauses: Clause[] = rng.chance(0.5) ? [] : [thanks(rng)];
  return item(`Avstämning ${name}`, { paragraphs: paras, clauses });
}

function publicTransport(ctx: KdContext): ItemModel {
  const { rng, year } = ctx;
  const subject = ctx.coop.real
    ? rng.pick(['Söderåsbanan', 'Pågatåg på Västkustbanan', 'Skånetrafikens tidtabell', 'Regionbuss mellan kommunerna'])
    : rng.pick(['regionbusstrafiken', 'pendeltågstrafiken', 'den anropsstyrda trafiken', 'stomlinjerna']);
  const paras = [
    `Regionen har remitterat förslaget till trafikförsörjningsprogram ${year + 1}-${year + 4}. Förslaget berör ${subject} och turtätheten i de mindre orterna.`,
    rng.pick([
      'Gruppen konstaterade att kommunerna har likartade synpunkter och att ett gemensamt svar väger tyngre.',
      'Flera kommuner lyfte behovet av bättre anslutningar till arbetsplatser utanför centralorterna.',
    ]),
  ];
  const clauses: Clause[] = rng.chance(0.7)
    ? [assignment(rng, ['sekretariatet'], 'sammanställa ett gemensamt remissvar', due(ctx))]
    : [thanks(rng)];
  return item(`Kollektivtrafik – remiss av trafikförsörjningsprogram ${year + 1}-${year + 4}`, {
    paragraphs: paras,
    clauses,
  });
}

function digitalisation(ctx: KdContext): ItemModel {
  const { rng } = ctx;
  const topic = rng.pick([
    'Uppstart nätverk för digitalisering',
    'Gemensam digitaliseringsstrategi',
    'E-arkiv i samverkan',
    'AI-stöd i handläggningen',
  ]);
  const paras = [
    rng.pick([
      'Information om initiativ att samordna kommunernas arbete med digitalisering. Gruppen betonade vikten av att arbetet ligger nära verksamheten.',
      'Kommunerna står inför liknande upphandlingar och kan vinna mycket på att samarbeta kring krav och förvaltning.',
      'En förstudie har kartlagt kommunernas system och visar att flera avtal löper ut inom två år.',
    ]),
  ];
  const roll = rng.float();
  let clauses: Clause[];
  if (roll < 0.35) {
    clauses = [
      rejection('en gemensam upphandling inte ska genomföras i nuläget'),
      assignment(rng, ['nätverket för digitalisering'], 'följa frågan och återkomma vid behov', null),
    ];
  } else if (roll < 0.7) {
    clauses = [
      assignment(
        rng,
        ['sekretariatet', 'nätverket för digitalisering'],
        'ta fram ett förslag till gemensam inriktning',
        due(ctx),
      ),
    ];
  } else {
    clauses = [thanks(rng)];
  }
  return item(topic, { ...byDirector(ctx, 'erfarenheterna från den egna kommunen'), paragraphs: paras, clauses });
}

function retreat(ctx: KdContext): ItemModel {
  const { rng, year } = ctx;
  const season = ymd(ctx.day).m <= 6 ? 'hösten' : 'våren';
  const y = season === 'våren' ? year + 1 : year;
  const paras = [
    `Diskussion om internat för kommundirektörsgruppen under ${season} ${y}. Gruppen enades om att först hitta datum för internatet, därefter kan innehållet diskuteras.`,
  ];
  const clauses: Clause[] = [
    assignment(
      rng,
      ['sekretariatet'],
      'i dialog med kommundirektörerna ta fram datum för internatet',
      rng.chance(0.5) ? due(ctx) : null,
    ),
  ];
  return item(`Internat för kommundirektörsgruppen ${season} ${y}`, {
    ...bySecretariat(ctx, 'förslaget till upplägg'),
    paragraphs: paras,
    clauses,
  });
}

function meetingPlan(ctx: KdContext): ItemModel {
  const { rng, year } = ctx;
  const paras = [
    `Förslag till mötesplan för ${year + 1} med ${rng.int(8, 10)} kommundirektörsmöten, ${rng.int(4, 6)} styrelsemöten och ett internat.`,
  ];
  return item(`Mötesplan ${year + 1}`, {
    ...bySecretariat(ctx, `förslaget till mötesplan ${year + 1}`),
    paragraphs: paras,
    clauses: [
      approval(
        rng.pick([`fastställa mötesplanen för ${year + 1}`, `godkänna förslaget till mötesplan för ${year + 1}`]),
      ),
    ],
  });
}

function boardRecap(ctx: KdContext): ItemModel {
  const { rng } = ctx;
  const board = ctx.day - rng.int(5, 25);
  return item(`Uppsamling från styrelsemöte ${yymmdd(board)}`, {
    paragraphs: [
      rng.pick([
        'Dialog kring styrelsemötet och genomgång av de frågor som styrelsen vill att kommundirektörerna bereder vidare.',
        'Genomgång av styrelsens beslut och av vilka frågor som behöver förankras i kommunledningarna.',
      ]),
    ],
    clauses: rng.chance(0.5) ? [] : [thanks(rng)],
  });
}

function familyDay(ctx: KdContext): ItemModel {
  const { rng, year } = ctx;
  const y = year + 1;
  return item(`Förslag på Familjedag ${y}`, {
    ...bySecretariat(ctx, 'grunderna för en Familjedag och behovet av en arbetsgrupp'),
    paragraphs: [
      'Syftet är att samla förtroendevalda och tjänstepersoner från samtliga kommuner kring den gemensamma utvecklingsplanen.',
    ],
    clauses: [
      other(`en Familjedag ska genomföras under ${rng.pick(['första', 'andra'])} halvåret ${y}`),
      // "inför kommande kommundirektörsmöte" is a due phrase without a date (the 2019 golden file reads it so).
      {
        ...assignment(rng, ['sekretariatet'], 'göra ett underlag inför kommande kommundirektörsmöte', null),
        assignment: {
          assignees: ['sekretariatet'],
          task: 'göra ett underlag inför kommande kommundirektörsmöte',
          due: null,
          dueText: 'inför kommande kommundirektörsmöte',
        },
      },
    ],
  });
}

function competence(ctx: KdContext): ItemModel {
  const { rng } = ctx;
  const paras = [
    'Samtliga kommuner ser ökade svårigheter att rekrytera inom vård, skola och teknik. Gruppen diskuterade möjligheten att samarbeta kring rekrytering och kompetensutveckling.',
  ];
  const dueDay = dueFor(rng, ctx.day, target(ctx, 1, 4), ['month']);
  const clauses = assignmentChain(
    rng,
    ['HR-nätverket'],
    'kartlägga kommunernas gemensamma rekryteringsbehov',
    rng.chance(0.6) ? 'utvärdera tidigare samarbeten kring rekrytering' : null,
    'redovisa resultatet på kommundirektörsgruppen',
    dueDay,
  );
  return item('Gemensam kompetensförsörjning', { paragraphs: paras, clauses });
}

function infrastructure(ctx: KdContext): ItemModel {
  const { rng, year } = ctx;
  const title = ctx.coop.real
    ? rng.pick(['Infrastrukturprioriteringar – Västkustbanan och E6', 'Infrastrukturprioriteringar – Söderåsbanan'])
    : `Regional infrastrukturplan ${year + 2}-${year + 13}`;
  return item(title, {
    ...byDirector(ctx, 'arbetet med de gemensamma prioriteringarna'),
    paragraphs: [
      'Kommunerna har tagit fram ett gemensamt underlag med prioriterade objekt för väg och järnväg. Underlaget ska lämnas till regionen inför revideringen av planen.',
    ],
    clauses: [approval('ställa sig bakom föreslagna prioriteringar och överlämna dem till styrelsen för beslut')],
  });
}

function upperSecondary(ctx: KdContext): ItemModel {
  const { rng, year } = ctx;
  return item(`Gymnasiesamarbetet – prislista ${year + 1}`, {
    paragraphs: [
      'Diskussion om hanteringen framöver och vad som måste klargöras. Frågor och svar kring vilka prislistor som är möjliga och hur kursutbudet ska utformas måste vara tydliga.',
    ],
    clauses: rng.chance(0.5)
      ? [approval(`godkänna förslaget till gemensam prislista för ${year + 1}`)]
      : [assignment(rng, ['Skolchefsnätverket'], 'ta fram ett reviderat förslag till prislista', due(ctx))],
  });
}

function skr(ctx: KdContext): ItemModel {
  const { rng, year } = ctx;
  const org = year >= 2019 ? 'SKR' : 'SKL';
  return item(`Återkoppling från ${org}:s kommundirektörsnätverk`, {
    ...byDirector(ctx, `diskussioner och slutsatser från mötet med ${org}:s kommundirektörsnätverk`),
    paragraphs: [
      `Medskick till gruppen är att det är viktigt att ta del av den information som kommer från ${org}:s kommundirektörsnätverk. Det finns även bra underlag i ${org}:s samarbetsrum som alla kan ta del av.`,
    ],
    clauses: [thanks(rng)],
  });
}

function regionalStrategy(ctx: KdContext): ItemModel {
  const { rng } = ctx;
  return item('Remiss av den regionala utvecklingsstrategin', {
    paragraphs: [
      'Regionen erbjuder kommunerna att delta i och påverka utformningen av den regionala utvecklingsstrategin. Remisstiden är kort och kommunerna önskar samordna sina svar.',
    ],
    clauses: [
      assignment(
        rng,
        ['sekretariatet'],
        'samordna kommunernas synpunkter i ett gemensamt yttrande',
        due(ctx, ['iso', 'dayMonth']),
      ),
    ],
  });
}

function housing(ctx: KdContext): ItemModel {
  const { rng } = ctx;
  return item(rng.pick(['Bostadsförsörjning i samverkan', 'Information och diskussion om standardiserad byggnation']), {
    ...byGuests(ctx, 'kommunernas arbete med att skapa effektiva byggprocesser', rng.chance(0.5) ? 2 : 1),
    paragraphs: [
      'Presentationen visade möjligheten till standardiserade lösningar för förskolor och skolor. Kommunerna är välkomna att delta i ett nätverk för lokalförsörjningsfrågor.',
      'Kommundirektörsgruppen tackar för informationen.',
    ],
  });
}

function communication(ctx: KdContext): ItemModel {
  const { rng, year } = ctx;
  return item(`Lägesrapport kommunikationsinsatser ${year}`, {
    ...bySecretariat(ctx, 'planeringen av årets kommunikationsinsatser'),
    paragraphs: [
      `Planeringen omfattar en workshopturné i kommunernas ledningsgrupper och en ny film om ${ctx.org}s utvecklingsplan. Frågan om en presidieturné till kommunernas fullmäktigeförsamlingar lyfts med presidiet.`,
    ],
    clauses: [thanks(rng)],
  });
}

function rescueServices(ctx: KdContext): ItemModel {
  const { rng } = ctx;
  return item('Samverkan inom räddningstjänsten', {
    ...byDirector(ctx, 'utredningen om ett gemensamt räddningstjänstförbund'),
    paragraphs: [
      'Utredningen om ett gemensamt förbund presenteras för styrelsen under hösten. Upphandling av konsultstöd pågår.',
    ],
    clauses: rng.chance(0.5)
      ? [thanks(rng)]
      : [
          thanks(rng),
          assignment(
            rng,
            [written(rng, aDirector(ctx).person, 0), written(rng, ctx.secretariat, 0)],
            'förbereda ett underlag till styrelsen',
            due(ctx),
          ),
        ],
  });
}

function regionalDevelopment(ctx: KdContext): ItemModel {
  const { rng } = ctx;
  const project = rng.pick(PROJECTS);
  return item(`Delrapport ${project}`, {
    ...byGuests(ctx, `delrapporten för projektet ${project}`, 1),
    paragraphs: [
      'Projektet har kommit halvvägs. Under året har projektet genomfört en upphandling och med stöd av upphandlad part ska arbetet slutföras under nästa år.',
    ],
    clauses: [thanks(rng)],
  });
}

/** The subjects a directors' group discusses, with how often each comes up. */
export const KD_TOPICS: ReadonlyArray<{ make: (ctx: KdContext) => ItemModel; weight: number; key: string }> = [
  { key: 'trainee-recruitment', make: traineeRecruitment, weight: 3 },
  { key: 'trainee-final', make: traineeFinal, weight: 2 },
  { key: 'trainee-ideas', make: traineeIdeas, weight: 2 },
  { key: 'operational-plan', make: operationalPlan, weight: 3 },
  { key: 'budget', make: budget, weight: 3 },
  { key: 'network-report', make: networkReport, weight: 5 },
  { key: 'project-funding', make: projectFunding, weight: 5 },
  { key: 'airport', make: airport, weight: 2 },
  { key: 'public-transport', make: publicTransport, weight: 3 },
  { key: 'digitalisation', make: digitalisation, weight: 4 },
  { key: 'retreat', make: retreat, weight: 2 },
  { key: 'meeting-plan', make: meetingPlan, weight: 2 },
  { key: 'board-recap', make: boardRecap, weight: 3 },
  { key: 'family-day', make: familyDay, weight: 1 },
  { key: 'competence', make: competence, weight: 3 },
  { key: 'infrastructure', make: infrastructure, weight: 2 },
  { key: 'upper-secondary', make: upperSecondary, weight: 2 },
  { key: 'skr', make: skr, weight: 2 },
  { key: 'regional-strategy', make: regionalStrategy, weight: 2 },
  { key: 'housing', make: housing, weight: 2 },
  { key: 'communication', make: communication, weight: 2 },
  { key: 'rescue-services', make: rescueServices, weight: 2 },
  { key: 'regional-development', make: regionalDevelopment, weight: 3 },
];

/** The unnumbered thematic section: a network presents a target area. */
export function thematicFollowUp(ctx: KdContext): ItemModel {
  const { rng } = ctx;
  const area = rng.pick(TARGET_AREAS);
  const net = AREA_NETWORK[area];
  const a = guest(ctx);
  const b = guest(ctx, a.municipality);
  const ma = a.municipality;
  const mb = b.municipality;
  const sentence = `Målområde ${area}. Från ${net} deltar ${a.name}, ${ma.name} och ${b.name}, ${mb.name}.`;
  return item('Tematisk uppföljning', {
    unnumbered: true,
    presenters: [
      { name: a.name, desc: ma.name },
      { name: b.name, desc: mb.name },
    ],
    presenterProse: { sentence, names: [a.name, b.name], first: true },
    paragraphs: ['Inriktningar, resultat och utmaningar inom målområdet presenteras.'],
  });
}

/** Postpones an item to a later meeting: its decisions go, a sentence saying so takes their place. */
export function postpone(ctx: KdContext, it: ItemModel): ItemModel {
  const { rng } = ctx;
  const to = target(ctx, 0, 1);
  const t = ymd(to);
  let referral: ItemModel['referral'];
  if (ctx.layout === 'seed2024') {
    const text = `Punkten flyttas till kommundirektörsmötet ${iso(to)}.`;
    referral = { to: 'kommundirektörsmötet', date: iso(to), text };
  } else if (ctx.layout === 'seed2011' || rng.chance(0.3)) {
    const m = `${t.y}-${String(t.m).padStart(2, '0')}`;
    const text = `Ärendet utgick. Tas upp på kommundirektörsgruppen i ${monthName(t.m)} ${t.y}.`;
    referral = { to: 'kommundirektörsgruppen', date: m, text };
  } else {
    const text = `Punkten flyttades till kommundirektörsmöte ${yymmdd(to)}.`;
    referral = { to: 'kommundirektörsmöte', date: iso(to), text };
  }
  return {
    ...it,
    presenters: [],
    presenterProse: null,
    // 2011 writes the item inline, where a sentence of prose and the postponement could not be told apart.
    paragraphs: ctx.layout !== 'seed2011' && rng.chance(0.5) ? it.paragraphs.slice(0, 1) : [],
    clauses: [],
    referral,
  };
}
