/**
 * Composes one meeting of a directors' group: who came, who sent apologies, which subjects were on the table, in
 * the order and with the conventions of the group's house layout of that era.
 */
import { type Day, hhmm, type Minutes, ymd } from './calendar.js';
import { approval, assignment, other, thanks } from './clauses.js';
import { KD_TOPICS, type KdContext, type KdLayout, postpone, thematicFollowUp, written } from './kd-topics.js';
import type { Attendee, GuestEntry, ItemModel } from './model.js';
import { item } from './model.js';
import type { Rng } from './prng.js';
import { type Cooperation, mailOf, type Person, type World } from './world.js';

export interface KdMeeting {
  layout: KdLayout;
  day: Day;
  /** "10/2016" */
  number: string;
  org: string;
  coop: Cooperation;
  start: Minutes;
  end: Minutes;
  place: string;
  present: Attendee[];
  absent: Attendee[];
  guests: GuestEntry[];
  /** Whether the guests are written down at all (the 2024 layout usually leaves them out). */
  listGuests: boolean;
  items: ItemModel[];
  /** Adjourned after the item with this index and resumed after the next one's text. */
  adjournment: { afterItem: number; from: Minutes; to: Minutes } | null;
  chair: string;
  secretary: string;
  secretaryMail: string;
  /** Contact lines at the top (2016) are letterhead: not content. */
  letterhead: boolean;
}

const OTHER_BUSINESS = [
  { topic: 'Kommundirektörsnätverken', text: 'Inga rapporter förelåg.' },
  { topic: 'Räddningstjänstförbund', text: 'Upphandling pågår. Utredningen presenteras på styrelsen i december.' },
  { topic: 'Arbetsförmedlingen', text: 'Af:s chef har bokat tid med de kommuner som upplever samarbetssvårigheter.' },
  { topic: 'Hemsidan', text: 'Numera enbart en portal. Frågan tas med till informatörsnätverket.' },
  { topic: 'Skadestånd', text: 'Frågan uppfattas som gemensam för kommunsektorn och tas vidare via förbundet.' },
  { topic: 'Kulturplanen', text: 'Inspel från kultursektorn lämnas till sekretariatet under våren.' },
  { topic: 'Krisberedskap', text: 'Övningen i oktober genomfördes enligt plan.' },
] as const;

function round5(m: number): number {
  return Math.round(m / 5) * 5;
}

function pickTopics(ctx: KdContext, count: number): ItemModel[] {
  const month = ymd(ctx.day).m;
  const pool = KD_TOPICS.filter((t) => {
    if (t.key === 'meeting-plan' || t.key === 'budget') return month >= 9;
    if (t.key === 'operational-plan') return month >= 8 || month <= 3;
    return true;
  });
  const chosen: typeof pool = [];
  const remaining = pool.slice();
  while (chosen.length < count && remaining.length > 0) {
    const t = ctx.rng.weighted(
      remaining,
      remaining.map((r) => r.weight),
    );
    chosen.push(t);
    remaining.splice(remaining.indexOf(t), 1);
  }
  return chosen.map((t) => t.make(ctx));
}

/** Builds the meeting of a directors' group held on `day`, the n-th of its year. */
export function composeKdMeeting(
  world: World,
  rng: Rng,
  coop: Cooperation,
  layout: KdLayout,
  day: Day,
  numberInYear: number,
  later: Day[],
): KdMeeting {
  const { y: year } = ymd(day);
  const org = coop.nameIn(year);

  // Attendance: every member municipality's director, a few with apologies, the lead's director always there.
  const seats = coop.municipalities.map((m) => ({ person: m.director, municipality: m }));
  const order = rng.shuffle(seats);
  const absentCount = rng.weighted([0, 1, 2, 3], [3, 4, 3, 1]);
  const absentSeats = order.filter((s) => s.municipality !== coop.lead).slice(0, absentCount);
  const presentSeats = order.filter((s) => !absentSeats.includes(s));

  const start: Minutes =
    layout === 'seed2011'
      ? rng.pick([13 * 60, 13 * 60, 9 * 60])
      : rng.weighted([8 * 60 + 30, 8 * 60, 9 * 60], [6, 2, 2]);
  const end: Minutes = start + round5(rng.int(170, 270));

  const partialCount = rng.weighted([0, 1, 2], [6, 3, 1]);
  // The chair opens the meeting, so is there from the start.
  const partial = new Set(
    rng.sample(
      presentSeats.filter((s) => s.municipality !== coop.lead),
      partialCount,
    ),
  );
  const present: Attendee[] = presentSeats.map((s) => {
    const a: Attendee = {
      name: written(rng, s.person, 0.04),
      organization: s.municipality.name,
      role: null,
      from: null,
      to: null,
      note: null,
    };
    if (partial.has(s)) {
      const from = start + round5(rng.int(15, 60));
      a.from = hhmm(from);
      if (layout !== 'seed2024' && rng.chance(0.35)) a.to = hhmm(end - round5(rng.int(20, 60)));
    }
    return a;
  });
  // The secretariat's line names the cooperation. Invented ones always say "sekretariatet X", so that the line
  // cannot be read as one more director of one more (unknown) municipality.
  let secretariatOrg: string;
  if (layout === 'seed2024') secretariatOrg = 'sekretariatet';
  else if (!coop.real) secretariatOrg = `sekretariatet ${org}`;
  else if (layout === 'seed2011') secretariatOrg = org;
  else secretariatOrg = rng.chance(0.5) ? org : `sekretariatet ${org}`;
  present.push({
    name: coop.secretariat.name,
    organization: secretariatOrg,
    role: null,
    from: null,
    to: null,
    note: null,
  });
  const absent: Attendee[] = absentSeats.map((s) => ({
    name: written(rng, s.person, 0.04),
    organization: s.municipality.name,
    role: null,
    from: null,
    to: null,
    note: null,
  }));

  const ctx: KdContext = {
    rng,
    layout,
    day,
    year,
    org,
    coop,
    directors: presentSeats,
    secretariat: coop.secretariat,
    later,
    guests: [],
    invited: new Set(),
    traineeGroup: (n) => world.traineeGroup(coop, n),
  };

  const chairPerson: Person = coop.lead.director;
  const items: ItemModel[] = [];
  if (layout === 'seed2024') {
    items.push(item(rng.chance(0.8) ? 'Mötets öppnande samt incheckning' : 'Mötets öppnande'));
  } else if (layout === 'seed2016' && rng.chance(0.4)) {
    const opening = item('Incheckningsrunda', {
      paragraphs: [
        `${chairPerson.name} hälsade deltagarna välkomna till dagens möte. Mötet började med en incheckningsrunda.`,
      ],
    });
    if (rng.chance(0.25)) {
      opening.clauses = [
        other('vissa möten i gruppen ska ha ett inslag kring att coacha varandra i rollen som kommundirektör'),
        assignment(rng, [chairPerson.name, coop.secretariat.name], 'förbereda upplägg', null),
      ];
    }
    items.push(opening);
  }

  const topicCount = layout === 'seed2024' ? rng.int(6, 10) : layout === 'seed2011' ? rng.int(4, 7) : rng.int(4, 8);
  for (const t of pickTopics(ctx, topicCount)) items.push(rng.chance(0.06) ? postpone(ctx, t) : t);

  if (layout === 'seed2016' && rng.chance(0.35)) {
    const at = rng.int(Math.max(1, items.length - 2), items.length);
    items.splice(at, 0, thematicFollowUp(ctx));
  }

  if (layout === 'seed2011') {
    const rest = item('Övriga frågor');
    if (rng.chance(0.6)) rest.bullets = rng.sample(OTHER_BUSINESS, rng.int(2, 4)).map((b) => ({ ...b }));
    else rest.paragraphs = ['Inga övriga frågor.'];
    items.push(rest);
  } else if (layout === 'seed2016') {
    if (rng.chance(0.5))
      items.push(item(rng.pick(['Övrigt', 'Övriga frågor']), { paragraphs: ['Inga övriga frågor.'] }));
    const last = items[items.length - 1] as ItemModel;
    if (rng.chance(0.5)) {
      last.after = [
        rng.pick([
          'Ordföranden avslutade mötet med att tacka samtliga för ett gott arbete och bjöd därefter in till en gemensam lunch.',
          `Mötet avslutades med att ${chairPerson.name.split(' ')[0]} bjöd in kommundirektörerna till gemensam lunch.`,
        ]),
      ];
    }
  } else {
    if (rng.chance(0.5)) {
      items.push(
        item('Övriga frågor', {
          paragraphs: ['Arbetsformerna och beredningen av kommundirektörsmötena lyftes för diskussion.'],
          clauses: rng.chance(0.5)
            ? [approval('godkänna förslaget om ett rullande schema för beredningen av kommundirektörsmötena')]
            : [thanks(rng)],
        }),
      );
    }
    const closing = item('Mötet avslutas');
    const former = coop.formerSecretariats.at(-1);
    if (former && rng.chance(0.3)) {
      closing.paragraphs = [`Efter mötet anslöt ${former.name}, tidigare sekretariatschef, för avtackning i gruppen.`];
    }
    items.push(closing);
  }

  let adjournment: KdMeeting['adjournment'] = null;
  if (layout === 'seed2016' && items.length >= 4 && rng.chance(0.12)) {
    const from = start + round5(rng.int(60, Math.max(65, end - start - 90)));
    adjournment = { afterItem: rng.int(0, items.length - 3), from, to: from + round5(rng.int(15, 50)) };
  }

  return {
    layout,
    day,
    number: `${numberInYear}/${year}`,
    org,
    coop,
    start,
    end,
    place: rng.pick(coop.places),
    present,
    absent,
    guests: ctx.guests,
    listGuests: layout !== 'seed2024' || rng.chance(0.3),
    items,
    adjournment,
    chair: chairPerson.name,
    secretary: coop.secretariat.name,
    secretaryMail: mailOf(coop.secretariat, coop.mailDomain(year)),
    letterhead: layout === 'seed2016' && rng.chance(0.5),
  };
}
