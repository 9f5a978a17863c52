// The time bar: a histogram of facts (by the day they began) and events (by their date), one
// bar a month; clicking a bar or typing a day sets asOf; Play steps through the events.
// Beside it the record-time clock (knownAt): an instant, typed in UTC, or now.
import { useEffect, useMemo, useState } from "preact/hooks";
import { type Entity, type Fact, dayOf } from "./model";
import { normaliseInstant } from "./url";

interface Bin {
  month: string; // YYYY-MM
  facts: number;
  events: number;
}

function monthsBetween(a: string, b: string): string[] {
  const out: string[] = [];
  let [y, m] = a.split("-").map(Number);
  const [yb, mb] = b.split("-").map(Number);
  while (y < yb || (y === yb && m <= mb)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    if (++m > 12) (m = 1), y++;
  }
  return out;
}

const lastDay = (month: string) => {
  const [y, m] = month.split("-").map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, "0")}`;
};

// An open start ("../2026-01-21") counts on its last possible day.
// Few dated items spread over years: the histogram starts at the earliest month with one.
export function bins(events: Entity[], facts: Fact[]): Bin[] {
  const counts = new Map<string, Bin>();
  const add = (day: string | null | undefined, k: "facts" | "events") => {
    if (!day) return;
    const month = day.slice(0, 7);
    const b = counts.get(month) ?? { month, facts: 0, events: 0 };
    b[k]++;
    counts.set(month, b);
  };
  for (const e of events) add(dayOf(e.date), "events");
  for (const f of facts) add(dayOf(f.validFrom), "facts");
  if (!counts.size) return [];
  const months = [...counts.keys()].sort();
  // A window of at most 36 months before the latest keeps the recent past readable; older
  // items are gathered in the first bar.
  const end = months[months.length - 1];
  const [ye, me] = end.split("-").map(Number);
  const startIdx = ye * 12 + me - 1 - 35;
  const start = `${Math.floor(startIdx / 12)}-${String((startIdx % 12) + 1).padStart(2, "0")}`;
  const first = months[0] < start ? start : months[0];
  return monthsBetween(first, end).map((month) => {
    if (month !== first) return counts.get(month) ?? { month, facts: 0, events: 0 };
    const older = months.filter((m) => m <= first).map((m) => counts.get(m)!);
    return { month, facts: older.reduce((s, b) => s + b.facts, 0), events: older.reduce((s, b) => s + b.events, 0) };
  });
}

export function DayControl(props: { label: string; value: string | null; testId: string; onChange(v: string | null): void }) {
  return (
    <label class="day">
      {props.label}{" "}
      <input type="date" value={props.value ?? ""} data-testid={props.testId}
        onChange={(e) => props.onChange((e.target as HTMLInputElement).value || null)} />
      <button type="button" onClick={() => props.onChange(null)} disabled={!props.value}>now</button>
    </label>
  );
}

// datetime-local has no zone: the page reads and writes it as UTC, and says so.
export function InstantControl(props: { label: string; value: string | null; testId: string; onChange(v: string | null): void }) {
  return (
    <label class="day" title="Record time: what the graph held at this instant (UTC)">
      {props.label}{" "}
      <input type="datetime-local" step="1" value={props.value ? props.value.replace(/Z$/, "") : ""} data-testid={props.testId}
        onChange={(e) => {
          const v = (e.target as HTMLInputElement).value;
          props.onChange(v ? normaliseInstant(v.length === 16 ? `${v}:00Z` : `${v}Z`) : null);
        }} />
      {" "}UTC{" "}
      <button type="button" onClick={() => props.onChange(null)} disabled={!props.value}>now</button>
    </label>
  );
}

export function TimeBar(props: {
  asOf: string | null; knownAt: string | null; events: Entity[]; facts: Fact[];
  onAsOf(v: string | null): void; onKnownAt(v: string | null): void;
}) {
  const data = useMemo(() => bins(props.events, props.facts), [props.events, props.facts]);
  const steps = useMemo(
    () => [...new Set(props.events.map((e) => dayOf(e.date)).filter((d): d is string => !!d))].sort(),
    [props.events],
  );
  const [playing, setPlaying] = useState(false);
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      const next = steps.find((d) => !props.asOf || d > props.asOf);
      if (!next) return setPlaying(false);
      props.onAsOf(next);
    }, 1200);
    return () => clearInterval(timer);
  }, [playing, props.asOf, steps]);

  const max = Math.max(1, ...data.map((b) => b.facts + b.events));
  const w = 100 / Math.max(1, data.length);
  const current = props.asOf?.slice(0, 7);
  return (
    <section class="timebar" aria-label="Time bar">
      <svg viewBox="0 0 100 30" preserveAspectRatio="none" role="img" aria-label="Facts and events per month">
        {data.map((b, i) => {
          const hf = (b.facts / max) * 26, he = (b.events / max) * 26;
          const after = props.asOf && b.month > props.asOf.slice(0, 7);
          return (
            <g key={b.month} class={`bin${after ? " after" : ""}${b.month === current ? " current" : ""}`}
              data-month={b.month} onClick={() => props.onAsOf(lastDay(b.month))}>
              <title>{`${b.month}: ${b.facts} facts began, ${b.events} events`}</title>
              <rect class="hit" x={i * w} y={0} width={w} height={30} />
              <rect class="facts" x={i * w + w * 0.1} y={28 - hf - he} width={w * 0.8} height={hf} />
              <rect class="events" x={i * w + w * 0.1} y={28 - he} width={w * 0.8} height={he} />
            </g>
          );
        })}
      </svg>
      <div class="axis">
        <span>{data[0]?.month ?? ""}{data.length > 1 ? " and before" : ""}</span>
        <span>{data[data.length - 1]?.month ?? ""}</span>
      </div>
      <div class="controls">
        <DayControl label="As of" value={props.asOf} testId="as-of" onChange={props.onAsOf} />
        <InstantControl label="Known at" value={props.knownAt} testId="known-at" onChange={props.onKnownAt} />
        <button type="button" onClick={() => {
          if (!playing && (!props.asOf || props.asOf >= steps[steps.length - 1])) props.onAsOf(steps[0] ?? null);
          setPlaying(!playing);
        }} data-testid="play" disabled={!steps.length}>
          {playing ? "Pause" : "Play"}
        </button>
        <span class="hint"><span class="swatch facts" /> facts began <span class="swatch events" /> events</span>
      </div>
    </section>
  );
}
