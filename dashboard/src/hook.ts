// window.__diplograph: what the browser tests assert on, read from the drawing itself.
import type { GraphView } from "./graphview";
import type { Explorer } from "./explorer";
import type { ViewParams } from "./url";
import type { LiveFeed } from "./live";
import type { LiveEntry } from "./changes";
import { OCCURRENCES, spanOf } from "./model";

export interface HookState {
  ready: boolean; // the view in the URL has been restored
  busy: number; // API calls in flight
  errors: string[];
  wanted: string; // the view state last rendered
  applied: string; // the view state last applied to the drawing
}

export function installHook(s: HookState, view: GraphView, ex: Explorer, params: () => ViewParams, feed: LiveFeed, entries: () => LiveEntry[]): void {
  (window as unknown as { __diplograph: unknown }).__diplograph = {
    visibleNodeIds: () => view.visibleNodeIds(),
    visibleEdgeIds: () => view.visibleEdgeIds(),
    allNodeIds: () => view.graph.nodes().sort(),
    nodePosition: (id: string) => (view.graph.hasNode(id) ? { x: view.graph.getNodeAttribute(id, "x"), y: view.graph.getNodeAttribute(id, "y") } : null),
    highlightedIds: () => view.highlightedIds(),
    emphasisedIds: () => view.emphasisedIds(),
    nodeViewport: (id: string) => view.viewportOf(id),
    exportPNG: () => view.exportPNG(),
    edgeStyle: (id: string) => (view.graph.hasEdge(id) ? view.graph.getEdgeAttribute(id, "type") : null),
    // { line: "solid" | "dashed", inferred, size, color } as drawn; null when not drawn.
    factStyle: (id: string) => view.factStyle(id),
    // The day shown, or a window's last day; window is { from, to } for a window, else null.
    get asOf() { return params().asOf; },
    get window() { const s = spanOf(params().asOf, params().since); return s && s.from !== s.to ? s : null; },
    // The occurrence types the browser's copy of the time rule treats as history (model.ts).
    occurrences: [...OCCURRENCES],
    get knownAt() { return params().knownAt; },
    // { type: "circle" | "ring", status }: an event not held on the day shown is a ring.
    nodeStyle: (id: string) => view.nodeStyle(id),
    get selected() { return params().selected; },
    get expanded() { return ex.expandedIds(); },
    get truncated() { return ex.truncatedIds(); },
    get layoutRunning() { return view.layoutRunning; },
    get idle() { return s.ready && s.busy === 0 && s.wanted === s.applied && !view.layoutRunning && !view.sigma.getCamera().isAnimated(); },
    get errors() { return [...s.errors]; },
    get lastApplyMs() { return view.lastApplyMs; },
    // The live feed: connection state, the last sequence number seen, the subscriptions open
    // ("relations:<id>", "entity:<id>", "track:<id>"), events applied, RELOAD_REQUIRED answers,
    // the list's entries, newest first.
    live: {
      get state() { return feed.state; },
      get lastSequence() { return feed.lastSequence; },
      get watching() { return feed.keys(); },
      get received() { return feed.received; },
      get reloads() { return feed.reloads; },
      get entries() { return entries(); },
    },
    // What flashes now: [{ id, kind: "added" | "changed" | "retracted", strength: 1..0, drawn }].
    flashing: () => view.flashing(),
    view,
  };
}
