/**
 * What a generated meeting says, before a layout writes it down. Content modules fill these; renderers turn
 * them into protocol text and, from the same values, into the `protokoll/1` document a perfect parser returns.
 */
import type { Assignment, DecisionKind, Referral } from '../../domain/document.js';

/** One decision clause. */
export interface Clause {
  kind: DecisionKind;
  /** The clause after "att", without final punctuation: "tacka för informationen". */
  inf: string;
  /** The clause as a sentence for a numbered decision point, without final full stop (formal layout). */
  finite: string | null;
  assignment: Assignment | null;
}

/** Someone who presents an item, with what a "Föredragande:" line writes after the name. */
export interface Presenter {
  name: string;
  /** "Stadsdirektör Helsingborgs stad", "sekretariatschef", "Höganäs kommun", or null. */
  desc: string | null;
}

export interface ItemModel {
  title: string;
  /** Unnumbered section ("Tematisk uppföljning"): no number is written. */
  unnumbered: boolean;
  /** Presenters as a layout with "Föredragande:" lines writes them. */
  presenters: Presenter[];
  /**
   * The same presenters told in prose for layouts without "Föredragande:" ("Ärendet redovisas av …"), placed
   * before or after the paragraphs; the names it contains are the item's presenters.
   */
  presenterProse: { sentence: string; names: string[]; first: boolean } | null;
  paragraphs: string[];
  clauses: Clause[];
  /** A postponement written as its own paragraph; `text` is that paragraph. */
  referral: Referral | null;
  /** Registry number of a formal item ("Dnr KS 2018/124"). */
  dnr: string | null;
  /** Paragraphs after the decisions (closing words, reservations); they are item text too. */
  after: string[];
  /** Sub-points of the 2011 "Övriga frågor": "- *Topic:* text". */
  bullets: { topic: string; text: string }[];
}

/** A participant as the attendance list writes it, before layout. */
export interface Attendee {
  name: string;
  organization: string | null;
  role: string | null;
  from: string | null;
  to: string | null;
  note: string | null;
}

/** A guest line entry: one or more people sharing an organisation, or a whole group. */
export interface GuestEntry {
  names: string[];
  organization: string | null;
  role: string | null;
  group: boolean;
  /** A group's leader, written "Trainéegrupp 6 med projektledare A" (2011). */
  leader?: string;
}

export function item(title: string, partial: Partial<ItemModel> = {}): ItemModel {
  return {
    title,
    unnumbered: false,
    presenters: [],
    presenterProse: null,
    paragraphs: [],
    clauses: [],
    referral: null,
    dnr: null,
    after: [],
    bullets: [],
    ...partial,
  };
}
