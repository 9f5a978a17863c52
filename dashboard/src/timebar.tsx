// The time bar: a histogram of facts (by the day they began) and events (by their date),
// fitted to the data (histogram.ts). A click on a bar sets one day (its last), a drag across
// bars (or inside one) brushes a window; typing a day, or a first day for a window, does the
// same; the keyboard moves and widens the selection. Play steps through the events (inside
// the window when there is one). Beside it the record-time clock (knownAt): an instant,
// typed in UTC, or now.
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { type Entity, type Fact, type Span, dayOf, formatSpan } from "./model";
import { type Bin, DENSE_BARS, bins } from "./histogram";
import { normaliseInstant } from "./url";

export function DayControl(props: { label: string; value: string | null; testId: string; title?: string; onChange(v: string | null): void }) {
  return (
    <label class="day" title={props.title}>
      {props.label}{" "}
      <input type="date" value={props.value ?? ""} data-testid={props.testId}
        onChange={(e) => props.onChange((e.target as HTMLInputElement).value || null)} />
      <button type="button" onClick={() => props.onChange(null)} disabled={!props.value}>{props.testId === "as-of" ? "now" : "clear"}</button>
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

// The selection as the URL holds it: since is null for one day.
export type OnTime = (since: string | null, asOf: string | null) => void;

const binsOver = (data: Bin[], a: number, b: number): Span => ({ from: data[Math.min(a, b)].from, to: data[Math.max(a, b)].to });
// A drag shorter than this is a click.
const DRAG_PX = 4;

function Histogram(props: { data: Bin[]; span: Span | null; onTime: OnTime }) {
  const { data, span } = props;
  const svg = useRef<SVGSVGElement>(null);
  const [brush, setBrush] = useState<{ start: number; at: number; x: number; moved: boolean } | null>(null);
  const binAt = (clientX: number) => {
    const r = svg.current!.getBoundingClientRect();
    return Math.max(0, Math.min(data.length - 1, Math.floor(((clientX - r.left) / r.width) * data.length)));
  };
  const set = (s: Span | null) => props.onTime(s && s.from < s.to ? s.from : null, s?.to ?? null);
  // The bins the selection touches: [first, last] indices, or null.
  const sel = span ? [data.findIndex((b) => b.to >= span.from), data.length - 1 - [...data].reverse().findIndex((b) => b.from <= span.to)] : null;
  const preview = brush?.moved ? binsOver(data, brush.start, brush.at) : null;
  const shown = preview ?? span;

  const onKey = (e: KeyboardEvent) => {
    if (!data.length) return;
    const last = data.length - 1;
    const [a, b] = sel && sel[0] >= 0 && sel[1] >= 0 ? sel : [last + 1, last + 1];
    let next: Span | null | undefined;
    if (e.key === "ArrowLeft" && e.shiftKey) next = binsOver(data, Math.max(0, a - 1), Math.min(b, last));
    else if (e.key === "ArrowRight" && e.shiftKey) next = binsOver(data, Math.min(a, last), Math.min(last, b + 1));
    else if (e.key === "ArrowLeft") next = { from: data[Math.max(0, a - 1)].to, to: data[Math.max(0, a - 1)].to };
    else if (e.key === "ArrowRight") next = { from: data[Math.min(last, b + 1)].to, to: data[Math.min(last, b + 1)].to };
    else if (e.key === "Home") next = { from: data[0].to, to: data[0].to };
    else if (e.key === "End") next = { from: data[last].to, to: data[last].to };
    else if (e.key === "Escape") next = null;
    if (next === undefined) return;
    e.preventDefault();
    set(next);
  };

  const max = Math.max(1, ...data.map((b) => b.facts + b.events));
  const w = 100 / Math.max(1, data.length);
  return (
    <>
      <svg ref={svg} viewBox="0 0 100 30" preserveAspectRatio="none" tabindex={0} role="slider" data-testid="histogram"
        aria-label="Facts and events over time: click a bar for a day, drag across bars for a window; arrow keys move, shift and an arrow widen, Escape shows any day"
        aria-valuetext={formatSpan(span)} aria-valuenow={sel?.[1] ?? undefined} aria-valuemin={0} aria-valuemax={data.length - 1}
        class={brush?.moved ? "brushing" : ""} onKeyDown={onKey}
        onPointerDown={(e) => {
          if (!data.length || e.button !== 0) return;
          svg.current!.setPointerCapture(e.pointerId);
          const i = binAt(e.clientX);
          setBrush({ start: i, at: i, x: e.clientX, moved: false });
        }}
        onPointerMove={(e) => brush && setBrush({ ...brush, at: binAt(e.clientX), moved: brush.moved || Math.abs(e.clientX - brush.x) > DRAG_PX })}
        onPointerUp={(e) => {
          if (!brush) return;
          const at = binAt(e.clientX);
          const moved = brush.moved || Math.abs(e.clientX - brush.x) > DRAG_PX;
          setBrush(null);
          set(moved ? binsOver(data, brush.start, at) : { from: data[at].to, to: data[at].to });
        }}
        onPointerCancel={() => setBrush(null)}>
        {data.map((b, i) => {
          // A square root, so a year holding one item still shows beside a month holding fifty.
          const total = b.facts + b.events;
          const h = Math.sqrt(total / max) * 26;
          const hf = total ? (h * b.facts) / total : 0, he = h - hf;
          const after = shown && b.from > shown.to;
          const inside = shown && b.to >= shown.from && b.from <= shown.to;
          return (
            <g key={b.key} class={`bin ${b.unit}${after ? " after" : ""}${inside ? " current" : ""}`}
              data-month={b.unit === "month" ? b.key : undefined} data-year={b.unit === "year" ? b.key : undefined}>
              <title>{`${b.unit === "year" ? `${b.from.slice(0, 7)} to ${b.to.slice(0, 7)}` : b.key}: ${b.facts} facts began, ${b.events} events`}</title>
              <rect class="hit" x={i * w} y={0} width={w} height={30} />
              {b.gapBefore && <line class="gap" x1={i * w} x2={i * w} y1={2} y2={28} />}
              <rect class="facts" x={i * w + w * 0.1} y={28 - hf - he} width={w * 0.8} height={hf} />
              <rect class="events" x={i * w + w * 0.1} y={28 - he} width={w * 0.8} height={he} />
            </g>
          );
        })}
      </svg>
      <div class="axis" aria-hidden="true">
        {data.map((b, i) => {
          const shown = data.length <= DENSE_BARS || b.unit === "year" || i === 0 || b.key.endsWith("-01") || data[i - 1].unit === "year";
          return <span key={b.key} class={`${b.unit}${b.gapBefore ? " gap" : ""}`}>{shown ? b.label.replace(/^Jan (\d{4})$/, data.length > DENSE_BARS ? "$1" : "Jan $1") : ""}</span>;
        })}
      </div>
    </>
  );
}

export function TimeBar(props: {
  asOf: string | null; since: string | null; knownAt: string | null; events: Entity[]; facts: Fact[];
  onTime: OnTime; onKnownAt(v: string | null): void;
}) {
  const data = useMemo(() => bins(props.events, props.facts), [props.events, props.facts]);
  const span: Span | null = props.asOf ? { from: props.since ?? props.asOf, to: props.asOf } : null;
  const days = useMemo(
    () => [...new Set(props.events.map((e) => dayOf(e.date)).filter((d): d is string => !!d))].sort(),
    [props.events],
  );
  // Inside a window Play widens it from its first day to each event's day in turn, ending
  // at the window as brushed; without one it steps from day to day.
  const [playing, setPlaying] = useState<{ since: string | null; end: string | null } | null>(null);
  const steps = playing?.since ? days.filter((d) => d >= playing.since! && d <= playing.end!) : days;
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      const next = steps.find((d) => !props.asOf || d > props.asOf);
      if (next) return props.onTime(playing.since, next);
      if (playing.end && props.asOf !== playing.end) props.onTime(playing.since, playing.end);
      setPlaying(null);
    }, 1200);
    return () => clearInterval(timer);
  }, [playing, props.asOf, steps]);

  const play = () => {
    if (playing) return setPlaying(null);
    if (props.since && props.asOf) {
      const inside = days.filter((d) => d >= props.since! && d <= props.asOf!);
      if (!inside.length) return;
      setPlaying({ since: props.since, end: props.asOf });
      props.onTime(props.since, inside[0]);
      return;
    }
    if (!props.asOf || props.asOf >= days[days.length - 1]) props.onTime(null, days[0] ?? null);
    setPlaying({ since: null, end: null });
  };

  return (
    <section class="timebar" aria-label="Time bar">
      <Histogram data={data} span={span} onTime={props.onTime} />
      <div class="controls">
        <DayControl label="From" value={props.since} testId="since" title="The first day of a window (empty: one day)"
          onChange={(v) => props.onTime(v && props.asOf && v < props.asOf ? v : null, props.asOf ?? v)} />
        <DayControl label="As of" value={props.asOf} testId="as-of"
          onChange={(v) => props.onTime(v && props.since && props.since < v ? props.since : null, v)} />
        <InstantControl label="Known at" value={props.knownAt} testId="known-at" onChange={props.onKnownAt} />
        <button type="button" onClick={play} data-testid="play" disabled={!days.length}>
          {playing ? "Pause" : "Play"}
        </button>
        <span class="hint" data-testid="time-shown">Shown {formatSpan(span)}</span>
        <span class="hint"><span class="swatch facts" /> facts began <span class="swatch events" /> events</span>
      </div>
    </section>
  );
}
