// The time bar's bins, fitted to the data: one bar a month over the recent run of months that
// hold the latest dated items (so the dense months are wide enough to read and to brush), and
// one bar a year for the years before them that hold any (older items gathered, each bar
// labelled with its year; empty years are skipped, and the bar after a skip says so).
import { type Entity, type Fact, dayOf } from "./model";

export interface Bin {
  key: string; // "2025-12" for a month, "2014" for a year
  unit: "month" | "year";
  label: string; // under the bar: "Dec", "Jan 2026", "2014"
  from: string; // its first and last day
  to: string;
  facts: number;
  events: number;
  gapBefore: boolean; // years with nothing dated were skipped before it
}

// The monthly bars cover the latest run of months with items no more than RUN_GAP months
// apart, at least MIN_MONTHS and at most MAX_MONTHS before the latest: a long quiet stretch
// (the seed's 2022 to late 2025) ends the run, however many items lie before it.
const MIN_MONTHS = 6;
const MAX_MONTHS = 36;
const RUN_GAP = 3;
// Past this many bars a label for every month would overlap: only each year's first has one.
export const DENSE_BARS = 16;

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const monthIndex = (month: string) => {
  const [y, m] = month.split("-").map(Number);
  return y * 12 + m - 1;
};
const monthOf = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;

export function lastDay(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, "0")}`;
}

// A fact counts on the day it began, an event on its date; an open start ("../2026-01-21")
// on its last possible day.
export function bins(events: Entity[], facts: Fact[]): Bin[] {
  const perMonth = new Map<string, { facts: number; events: number }>();
  const add = (day: string | null, k: "facts" | "events") => {
    if (!day) return;
    const c = perMonth.get(day.slice(0, 7)) ?? { facts: 0, events: 0 };
    c[k]++;
    perMonth.set(day.slice(0, 7), c);
  };
  for (const e of events) add(dayOf(e.date), "events");
  for (const f of facts) add(dayOf(f.validFrom), "facts");
  if (!perMonth.size) return [];

  const months = [...perMonth.keys()].sort();
  const end = monthIndex(months[months.length - 1]);
  let start = end;
  for (let k = months.length - 2; k >= 0 && start - monthIndex(months[k]) <= RUN_GAP; k--) start = monthIndex(months[k]);
  start = Math.max(end - MAX_MONTHS + 1, Math.min(start, end - MIN_MONTHS + 1));
  // No year bars when nothing is older: then the monthly bars begin at the first item.
  start = Math.max(start, Math.min(monthIndex(months[0]), end - MIN_MONTHS + 1));

  const out: Bin[] = [];
  const years = new Map<number, { facts: number; events: number }>();
  for (const m of months) {
    if (monthIndex(m) >= start) continue;
    const y = Number(m.slice(0, 4));
    const c = years.get(y) ?? { facts: 0, events: 0 };
    const add = perMonth.get(m)!;
    years.set(y, { facts: c.facts + add.facts, events: c.events + add.events });
  }
  let previous: number | null = null;
  for (const [y, c] of [...years].sort((a, b) => a[0] - b[0])) {
    // The year the monthly bars begin in is only gathered up to the month before them.
    const to = y === Math.floor(start / 12) ? lastDay(monthOf(start - 1)) : `${y}-12-31`;
    out.push({ key: String(y), unit: "year", label: String(y), from: `${y}-01-01`, to, ...c, gapBefore: previous !== null && y > previous + 1 });
    previous = y;
  }
  for (let i = start; i <= end; i++) {
    const month = monthOf(i);
    const c = perMonth.get(month) ?? { facts: 0, events: 0 };
    const name = MONTHS[i % 12];
    const label = i === start || i % 12 === 0 ? `${name} ${Math.floor(i / 12)}` : name;
    out.push({ key: month, unit: "month", label, from: `${month}-01`, to: lastDay(month), ...c, gapBefore: i === start && previous !== null && Math.floor(start / 12) > previous + 1 });
  }
  return out;
}
