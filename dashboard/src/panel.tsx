// The side panel: the selected entity or fact in full, with every source and its quote, and
// the source reader that shows the quoted passage highlighted in the stored text.
import type { JSX } from "preact";
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import * as api from "./api";
import { type Entity, type Fact, type Source, type SourceRef, eventStatus, formatDate, formatInstant, KIND_COLOURS, notHeld } from "./model";

// One API read per id (and per clock, when the read takes one), with what to show while it
// loads and when it fails; a stale answer for an earlier id or clock is dropped.
function useRead<T>(read: (id: string) => Promise<T>, id: string, clock = ""): { value: T | null; notice: JSX.Element | null } {
  const [value, setValue] = useState<T | null>(null);
  const [err, setErr] = useState("");
  useEffect(() => {
    let current = true;
    setValue(null);
    setErr("");
    read(id).then((v) => current && setValue(v), (x) => current && setErr(String(x.message)));
    return () => void (current = false);
  }, [id, clock]);
  const notice = err ? <p role="alert">{err}</p> : value ? null : <p>Loading…</p>;
  return { value, notice };
}

// An event's status history, oldest first, each entry with its day, sources and quote.
function StatusHistory(props: { e: Entity; asOf: string | null; onSource(s: SourceRef, quote: string): void }) {
  const status = eventStatus(props.e, props.asOf);
  return (
    <>
      <p data-testid="event-status" data-status={status ?? ""}>
        <b>Status{props.asOf ? ` on ${props.asOf}` : ""}:</b>{" "}
        <span class={notHeld(status) ? "planned" : ""}>{status ? status.toLowerCase() : "unknown (no source gives one)"}</span>
      </p>
      {props.e.statusHistory?.length ? (
        <>
          <h3>Status history</h3>
          <ol class="status-history" data-testid="status-history">
            {props.e.statusHistory.map((h, i) => (
              <li key={i} data-status={h.status}>
                <b>{h.status.toLowerCase()}</b> · from {formatDate(h.since)}
                <blockquote>{h.quote}</blockquote>
                {h.sources.map((id) => (
                  <button type="button" key={id} class="link" data-testid="open-status-source"
                    onClick={() => props.onSource({ id, name: id }, h.quote)}>{id}</button>
                ))}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </>
  );
}

export function EntityPanel(props: {
  id: string; expanded: boolean; truncated: boolean; limit: number; facts: Fact[]; asOf: string | null;
  name(id: string): string; onToggle(): void; onFact(id: string): void; onSource(s: SourceRef, quote: string): void;
  planned(f: Fact): boolean; // a participation in an event not held on the day shown
  changed?: string; // the last live change of the entity: read again when it moves
}) {
  const { value: e, notice } = useRead<Entity>(api.entityDetail, props.id, props.changed ?? "");
  if (!e) return notice;
  return (
    <article data-testid="entity-panel" data-id={e.id}>
      <h2><span class="dot" style={{ background: KIND_COLOURS[e.kind] }} /> {e.name}</h2>
      <p class="kind">{e.kind.toLowerCase()} · <code>{e.id}</code></p>
      {e.aliases?.length ? <p><b>Also:</b> {e.aliases.join(", ")}</p> : null}
      {e.date && <p data-testid="entity-date"><b>Date:</b> {formatDate(e.date)}</p>}
      {e.kind === "EVENT" && <StatusHistory e={e} asOf={props.asOf} onSource={props.onSource} />}
      {e.description && <p>{e.description}</p>}
      {e.externalIds?.map((x) => <p key={x.system}><b>{x.system}:</b> {x.id}</p>)}
      <p>
        <button type="button" onClick={props.onToggle} data-testid="toggle-expand">
          {props.expanded ? "Collapse" : "Expand"} neighbourhood
        </button>
        {props.truncated && <span class="warn" data-testid="truncated"> showing the first {props.limit} neighbours: truncated</span>}
      </p>
      <h3>Facts on screen ({props.facts.length})</h3>
      <ul class="facts">
        {props.facts.map((f) => (
          <li key={f.id}>
            <button type="button" class="link" onClick={() => props.onFact(f.id)} data-fact={f.id}>
              {props.name(f.from.id)} <b>{f.type}</b> {props.name(f.to.id)}
            </button> <small>{f.status.toLowerCase()}{props.planned(f) ? ", planned" : ""}</small>
          </li>
        ))}
      </ul>
    </article>
  );
}

// The fact as drawn was read at knownAt, and so is the panel's relation(id, knownAt): its
// status then, and a retraction only when it had been made by then.
export function FactPanel(props: {
  id: string; knownAt: string | null; onEntity(id: string): void; onSource(s: SourceRef, quote: string): void;
  changed?: string; // the last live change of the fact: read again when it moves
}) {
  const { value: f, notice } = useRead<Fact>((id) => api.factDetail(id, props.knownAt), props.id, `${props.knownAt ?? ""} ${props.changed ?? ""}`);
  if (!f) return notice;
  const status = f.status;
  return (
    <article data-testid="fact-panel" data-id={f.id}>
      <h2>
        <button type="button" class="link" onClick={() => props.onEntity(f.from.id)}>{f.from.name}</button>{" "}
        <span class="rel">{f.type}</span>{" "}
        <button type="button" class="link" onClick={() => props.onEntity(f.to.id)}>{f.to.name}</button>
      </h2>
      <dl>
        {f.role && <><dt>Role</dt><dd>{f.role}</dd></>}
        <dt>Valid from</dt><dd>{formatDate(f.validFrom)}</dd>
        <dt>Valid to</dt><dd>{f.validTo ? formatDate(f.validTo) : "open"}</dd>
        <dt>Confidence</dt><dd>{f.confidence}</dd>
        <dt>Status</dt><dd data-testid="fact-status">{status.toLowerCase()}
          {props.knownAt ? ` (as known at ${formatInstant(props.knownAt)})` : ""}</dd>
        <dt>Basis</dt><dd data-testid="fact-basis">{f.basis === "INFERRED" ? "inferred by a curator" : "stated by the source"}</dd>
        {f.basisNote && <><dt>Inferred</dt><dd data-testid="fact-basis-note">{f.basisNote}</dd></>}
        {f.retraction && <><dt>Retracted</dt><dd>by {f.retraction.by} at {formatInstant(f.retraction.at)}
          {f.retraction.previousStatus ? ` (was ${f.retraction.previousStatus.toLowerCase()})` : ""}: {f.retraction.reason}</dd></>}
      </dl>
      <h3>Evidence ({f.evidence?.length ?? 0})</h3>
      {f.evidence?.map((ev) => (
        <figure key={ev.source.id} class="evidence">
          <blockquote>{ev.quote}</blockquote>
          <figcaption>
            {ev.source.title ?? ev.source.name}{ev.source.published ? `, ${ev.source.published.value}` : ""}{" "}
            <button type="button" onClick={() => props.onSource(ev.source, ev.quote)} data-testid="open-source">Open source</button>
          </figcaption>
        </figure>
      ))}
    </article>
  );
}

// Splits the text around the first occurrence of the quote; whitespace may differ.
function locate(text: string, quote: string): [number, number] | null {
  const i = text.indexOf(quote);
  if (i >= 0) return [i, i + quote.length];
  const words = quote.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const m = new RegExp(words.join("\\s+")).exec(text);
  return m ? [m.index, m.index + m[0].length] : null;
}

export function SourceReader(props: { source: SourceRef; quote: string; onClose(): void }) {
  const [s, setS] = useState<Source | null>(null);
  const mark = useRef<HTMLElement>(null);
  useEffect(() => {
    api.sourceText(props.source.id).then(setS, () => setS({ ...props.source }));
  }, [props.source.id]);
  const close = useRef<HTMLButtonElement>(null);
  // Before paint: a reader who sees the text sees the quote, never the top first.
  useLayoutEffect(() => mark.current?.scrollIntoView({ block: "center" }), [s, props.quote]);
  // A dialog for the keyboard too: focus moves in, Escape closes it.
  useEffect(() => {
    close.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && props.onClose();
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, []);
  const text = s?.text ?? null;
  const at = text ? locate(text, props.quote) : null;
  return (
    <section class="reader" data-testid="source-reader" role="dialog" aria-label="Source text">
      <header>
        <h2>{s?.title ?? props.source.title ?? props.source.name}</h2>
        <button type="button" ref={close} onClick={props.onClose} aria-label="Close source">×</button>
      </header>
      {s && <p class="meta">{[s.author, s.publisher, s.published?.value].filter(Boolean).join(" · ")}</p>}
      {!s ? <p>Loading…</p> : text && at ? (
        <div class="text" data-testid="source-text">
          {text.slice(0, at[0])}<mark ref={mark}>{text.slice(at[0], at[1])}</mark>{text.slice(at[1])}
        </div>
      ) : (
        <div class="text" data-testid="source-text">
          <p class="warn" data-testid="no-text">
            {text ? "The quote was not found in the stored text." : s.hasText
              ? "The service stores this source's text but its API does not serve it yet; the quote alone:"
              : "No text is stored for this source; the quote alone:"}
          </p>
          <p><mark ref={mark}>{props.quote}</mark></p>
          {text && <p>{text}</p>}
        </div>
      )}
    </section>
  );
}
