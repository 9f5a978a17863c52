// The live feed in the page: the connection indicator in the header, and the panel's list of
// the latest changes, each saying whether it is drawn and, when not, why (by the time rule and
// filters of model.ts, for the day shown now).
import type { GraphView } from "./graphview";
import type { LiveEntry } from "./changes";
import type { LiveState } from "./live";
import { type Filters, type Span, formatInstant, whyHidden } from "./model";

const LABELS: Record<LiveState, string> = {
  connecting: "connecting…",
  live: "live",
  reconnecting: "reconnecting…",
  offline: "offline",
};

export function LiveStatus(props: { state: LiveState }) {
  return (
    <span class={`live-state ${props.state}`} data-testid="live-status" data-state={props.state} role="status"
      title="Live updates from the service (GraphQL subscriptions over a WebSocket)">
      <span class="dot" aria-hidden="true" />{LABELS[props.state]}
    </span>
  );
}

const VERBS: Record<string, string> = {
  CREATED: "new", CHANGED: "changed", CORROBORATED: "corroborated", RETRACTED: "retracted", MERGED: "merged", IMPORTED: "imported",
};

// Whether an entry's fact or entity is drawn now, and if not, why.
function drawnNote(e: LiveEntry, view: GraphView | undefined, filters: Filters, span: Span | null): { drawn: boolean; note: string } {
  if (!e.applied || !view) return { drawn: false, note: e.note };
  if (e.fact) {
    const f = view.fact(e.fact);
    if (!f) return { drawn: false, note: "no longer loaded" };
    if (view.visibleEdgeIds().includes(e.fact)) return { drawn: true, note: "" };
    return { drawn: false, note: whyHidden(f, filters, span) || "its ends are not drawn" };
  }
  if (e.entity) return view.visibleNodeIds().includes(e.entity) ? { drawn: true, note: "" } : { drawn: false, note: "not drawn now" };
  return { drawn: true, note: "" };
}

export function LiveList(props: {
  entries: LiveEntry[]; view: GraphView | undefined; filters: Filters; span: Span | null;
  onFact(id: string): void; onNode(id: string): void;
}) {
  return (
    <section class="live-changes" aria-label="Live changes" data-testid="live-list">
      <h3>Live changes</h3>
      {!props.entries.length && <p class="hint">Changes to what is on screen appear here as they are made.</p>}
      <ol>
        {props.entries.map((e) => {
          const { drawn, note } = drawnNote(e, props.view, props.filters, props.span);
          const open = e.fact && props.view?.fact(e.fact) ? () => props.onFact(e.fact!) : e.entity && props.view?.hasNode(e.entity) ? () => props.onNode(e.entity!) : null;
          return (
            <li key={e.sequence} data-seq={e.sequence} data-kind={e.kind} data-fact={e.fact ?? ""} data-drawn={String(drawn)} class={e.kind.toLowerCase()}>
              <b>{VERBS[e.kind] ?? e.kind}</b>{" "}
              {open ? <button type="button" class="link" onClick={open}>{e.text}</button> : <span>{e.text}</span>}
              <small> · {e.by} · {formatInstant(e.at)}</small>
              {!drawn && note && <small class="note" data-testid="live-note"> · not drawn: {note}</small>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
