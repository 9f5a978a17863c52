// The shapes the dashboard reads from the API, and the rules that decide what is visible:
// pure functions, so the time bar and the filters apply without a round trip or a new layout.

// A date known to the year, month or day, or bounds ("../2026-01-21", "2026-01-19/2026-01-26"):
// start or end is null for an open bound.
export interface PartialDate {
  value: string;
  precision: "YEAR" | "MONTH" | "DAY";
  bounded?: boolean;
  start: string | null;
  end: string | null;
}

export const EVENT_STATUSES = ["SCHEDULED", "HELD", "POSTPONED", "RESCHEDULED", "CANCELLED"] as const;

export interface EventStatusEntry {
  status: string;
  since: PartialDate;
  sources: string[];
  quote: string;
}

export interface SourceRef {
  id: string;
  name: string;
  title?: string;
  author?: string | null;
  publisher?: string | null;
  url?: string | null;
  hasText?: boolean;
  published?: { value: string } | null;
}

export interface Source extends SourceRef {
  text?: string | null;
}

export interface Entity {
  id: string;
  kind: string;
  name: string;
  aliases?: string[];
  description?: string | null;
  date?: PartialDate | null;
  statusHistory?: EventStatusEntry[];
  externalIds?: { system: string; id: string }[];
}

export interface Fact {
  id: string;
  type: string;
  role?: string | null;
  confidence: number;
  status: string;
  basis?: "STATED" | "INFERRED";
  basisNote?: string | null;
  from: { id: string; name?: string };
  to: { id: string; name?: string };
  validFrom?: PartialDate | null;
  validTo?: PartialDate | null;
  quote?: string;
  evidence?: { quote: string; source: SourceRef }[];
  retraction?: { by: string; at: string; reason: string; previousStatus?: string | null } | null;
}

export interface SearchHit {
  score: number;
  entity: Entity;
}

export interface Path {
  length: number;
  nodes: Entity[];
  hops: Fact[];
}

export interface Tie {
  via: Entity | null;
  relations: Fact[];
}

export interface CrossLink {
  score: number;
  entity: Entity;
  tiesA: Tie[];
  tiesB: Tie[];
}

export const KINDS = [
  "PERSON", "COUNTRY", "ORGANIZATION", "BODY", "CONFLICT",
  "TERRITORY", "PROPOSAL", "EVENT", "TRACK", "SOURCE",
] as const;

// Colours picked for contrast on the dark canvas and against each other (Okabe-Ito based).
export const KIND_COLOURS: Record<string, string> = {
  PERSON: "#56b4e9",
  COUNTRY: "#e69f00",
  ORGANIZATION: "#cc79a7",
  BODY: "#009e73",
  CONFLICT: "#ff5c5c",
  TERRITORY: "#c9b458",
  PROPOSAL: "#b39ddb",
  EVENT: "#f0e442",
  TRACK: "#4dd0e1",
  SOURCE: "#9e9e9e",
};

export const STATUSES = ["ASSERTED", "REPORTED", "DISPUTED", "RETRACTED"] as const;

export interface Filters {
  types: string[]; // relation types shown; empty means all
  kinds: string[]; // entity kinds shown; empty means all
  statuses: string[]; // statuses shown; empty means all but RETRACTED
  minConfidence: number;
}

export const noFilters = (): Filters => ({ types: [], kinds: [], statuses: [], minConfidence: 0 });

// The time rule, a copy of the API's one rule (cypher/visibility.go: validRule and
// entityRule; the occurrence types are kg.Occurrences in kg/vocabulary.go), so the time bar
// redraws without a read. test/time-rule.test.mjs compares what the dashboard draws with the
// API's neighborhood(id, asOf: day) over a grid of days, and this list with kg.Occurrences.
//   - A partial date counts by its whole span: start is its first day, end its last ("2025"
//     runs from 2025-01-01 to 2025-12-31); a bound open on one side (start or end null:
//     "../2026-01-21", "2026-01-19/..") never hides anything on that side.
//   - A fact holds on a day when its validFrom may have begun by then and its validTo may
//     not have ended before it; an occurrence (a meeting, a statement) is history from its
//     first possible day on, whatever its validTo.
//   - An entity exists on a day when its own date (an event's) may have begun by then.
// A window (several days) shows what may hold on some day of it: the union of its days,
// which is a fact's interval overlapping it, an entity begun by its last day.

// The days shown: one day (from === to) or a window; null shows the graph on any day.
export interface Span {
  from: string;
  to: string;
}

export function spanOf(asOf: string | null, since: string | null): Span | null {
  return asOf ? { from: since && since < asOf ? since : asOf, to: asOf } : null;
}

export const OCCURRENCES: readonly string[] = ["PARTICIPATED_IN", "MET_WITH", "STATED", "PROPOSED", "ESTABLISHED", "ANNEXED", "PRECEDES", "CITES"];

// A fact's place in the days shown: not yet begun (hidden), holding, ended before them
// (hidden, as the API hides it), or an occurrence over before them: still history, so
// shown, drawn faded (a meeting in December still explains the picture on 31 December).
export type TimeState = "future" | "current" | "ended" | "past";

export function factTime(f: Fact, span: Span | null): TimeState {
  if (!span) return "current";
  if (f.validFrom?.start && f.validFrom.start > span.to) return "future";
  if (f.validTo?.end && f.validTo.end < span.from) return OCCURRENCES.includes(f.type) ? "past" : "ended";
  return "current";
}

const timeShown = (t: TimeState) => t === "current" || t === "past";

// An event not yet begun by the last day shown is hidden, as the API's asOf leaves it out;
// one with no earliest day ("../2026-01-26") may have happened on any day.
export function entityExists(e: Entity, span: Span | null): boolean {
  return !span || !e.date?.start || e.date.start <= span.to;
}

// An event's status on a day, as the API's status(asOf:): the last entry of its history whose
// day has begun by asOf (the latest without one); null when no source gives one. For a
// window, its status on the window's last day.
export function eventStatus(e: Entity, asOf: string | null): string | null {
  const h = e.statusHistory ?? [];
  const begun = asOf ? h.filter((x) => !x.since.start || x.since.start <= asOf) : h;
  return begun.length ? begun[begun.length - 1].status : null;
}

// Scheduled, postponed, rescheduled or cancelled: not (yet) held, drawn as a ring.
export const notHeld = (status: string | null) => !!status && status !== "HELD";

export function statusShown(status: string, f: Filters): boolean {
  return f.statuses.length ? f.statuses.includes(status) : status !== "RETRACTED";
}

// Whether a fact reaches its counterpart as the API's neighbourhood does: it holds in the
// days shown and is of a type asked for (and not retracted, unless retracted facts are asked
// for: they are loaded only then).
export function factReaches(fact: Fact, f: Filters, span: Span | null): boolean {
  return (fact.status !== "RETRACTED" || statusShown("RETRACTED", f)) && (!f.types.length || f.types.includes(fact.type)) && timeShown(factTime(fact, span));
}

export function factShown(fact: Fact, f: Filters, span: Span | null): boolean {
  return (
    statusShown(fact.status, f) &&
    fact.confidence >= f.minConfidence &&
    (!f.types.length || f.types.includes(fact.type)) &&
    timeShown(factTime(fact, span))
  );
}

// Why a loaded fact is not drawn, in words, from the same tests as factReaches and
// factShown (the live list says it of a change it could not draw); "" when they pass, and then
// only its ends are missing from the view.
export function whyHidden(fact: Fact, f: Filters, span: Span | null): string {
  const t = factTime(fact, span);
  if (t === "future") return `not yet in force ${formatSpan(span)}`;
  if (t === "ended") return `over ${formatSpan(span)}`;
  if (!statusShown(fact.status, f)) return fact.status === "RETRACTED" ? "retracted" : `${fact.status.toLowerCase()} facts are filtered out`;
  if (f.types.length && !f.types.includes(fact.type)) return `${fact.type} is filtered out`;
  if (fact.confidence < f.minConfidence) return "below the minimum confidence";
  return "";
}

export function kindShown(kind: string, f: Filters): boolean {
  return !f.kinds.length || f.kinds.includes(kind);
}

export const isDashed = (status: string) => status === "REPORTED" || status === "DISPUTED";

// Inferred by a curator rather than stated by a source: drawn thinner and lighter.
export const isInferred = (f: Fact) => f.basis === "INFERRED";

// The day a fact or event is placed on for the time bar: the first day it may mean.
// Open at the start, the last day it may mean.
export function dayOf(d: PartialDate | null | undefined): string | null {
  return d ? d.start ?? d.end : null;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

// 2026-01-21 as "21 Jan 2026".
export function formatDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return m && d ? `${d} ${MONTHS[m - 1]} ${y}` : day;
}

// The days shown, in words: "as of 31 Dec 2025", "from 1 Dec 2025 to 31 Dec 2025", "on any day".
export function formatSpan(span: Span | null): string {
  if (!span) return "on any day";
  return span.from === span.to ? `as of ${formatDay(span.to)}` : `from ${formatDay(span.from)} to ${formatDay(span.to)}`;
}

// An RFC 3339 instant in UTC, to the second: "2026-12-02 13:05:52 UTC".
export function formatInstant(t: string): string {
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? t : d.toISOString().replace("T", " ").replace(/(\.\d+)?Z$/, " UTC");
}

export function formatDate(d: PartialDate | null | undefined): string {
  if (!d) return "unknown";
  if (d.bounded || !d.start || !d.end) {
    if (!d.start && !d.end) return `${d.value} (open)`;
    if (!d.start) return `not after ${formatDay(d.end!)} (${d.value})`;
    if (!d.end) return `not before ${formatDay(d.start)} (${d.value})`;
    return `between ${formatDay(d.start)} and ${formatDay(d.end)} (${d.value})`;
  }
  const p = d.precision.toLowerCase();
  return d.start === d.end ? `${d.value} (${p})` : `${d.value} (${p}: ${d.start} to ${d.end})`;
}

// One committed change as a subscription delivers it (graph/subscription.graphqls): the entity
// or fact as it reads after the change.
export type ChangeKind = "CREATED" | "CHANGED" | "CORROBORATED" | "RETRACTED" | "MERGED" | "IMPORTED";

export interface ChangeEvent {
  sequence: number;
  kind: ChangeKind;
  by: string;
  at: string;
  entity?: Entity | null;
  relation?: (Fact & { from: Entity; to: Entity }) | null;
  mergedFrom?: string | null;
  fields: string[];
  import?: { origin: string; entities: number; relations: number } | null;
}
