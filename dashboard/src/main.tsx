// The /explore/ dashboard: search, open, expand and collapse; the side panel; the time bar;
// the path finder and cross-track view; filters; the view kept in the URL.
import { render } from "preact";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import * as api from "./api";
import { GraphView } from "./graphview";
import { Explorer } from "./explorer";
import { type Entity, type Fact, type SourceRef, KINDS, spanOf } from "./model";
import { readView, writeView, type ViewParams } from "./url";
import { SearchBox } from "./search-box";
import { Legend } from "./legend";
import { EntityPanel, FactPanel, SourceReader } from "./panel";
import { TimeBar } from "./timebar";
import { PathFinder, CrossTrack } from "./analysis";
import { FiltersPanel, toggle } from "./filters";
import { TextList } from "./text-list";
import { installHook, type HookState } from "./hook";
import { ExportView } from "./export";
import { LiveFeed, type LiveState, liveURL } from "./live";
import { watches } from "./watches";
import { applyChange, catchUp, type LiveEntry } from "./changes";
import { LiveList, LiveStatus } from "./live-list";

// The live list keeps this many of the latest changes.
const LIVE_KEPT = 30;

type Tab = "details" | "paths" | "cross" | "filters";

function App() {
  const [params, setParams] = useState<ViewParams>(() => readView(location.search));
  const [tab, setTab] = useState<Tab>(params.path ? "paths" : params.cross ? "cross" : "details");
  const [rev, setRev] = useState(0); // bumps when the graph's content changes
  const [loads, setLoads] = useState(0); // bumps when the graph is read again at another knownAt
  const [events, setEvents] = useState<Entity[]>([]);
  const [highlight, setHighlight] = useState<Set<string> | null>(null);
  const [emphasis, setEmphasis] = useState<Set<string>>(new Set());
  const [reading, setReading] = useState<{ source: SourceRef; quote: string } | null>(null);
  const [message, setMessage] = useState("");
  const [visible, setVisible] = useState<{ nodes: string[]; edges: string[] }>({ nodes: [], edges: [] });
  const [liveState, setLiveState] = useState<LiveState>("connecting");
  const [liveEntries, setLiveEntries] = useState<LiveEntry[]>([]);
  const feed = useRef<LiveFeed>(undefined);
  const rereading = useRef(false);
  const rereadAgain = useRef(false);
  const canvas = useRef<HTMLDivElement>(null);
  const view = useRef<GraphView>(undefined);
  const explorer = useRef<Explorer>(undefined);
  const hook = useRef<HookState>({ ready: false, busy: 0, errors: [], wanted: "", applied: "" });
  const paramsRef = useRef(params);
  paramsRef.current = params;
  const update = (p: Partial<ViewParams>) => setParams((old) => ({ ...old, ...p }));

  const busy = async <T,>(work: Promise<T>): Promise<T | undefined> => {
    hook.current.busy++;
    try {
      return await work;
    } catch (e) {
      setMessage(`Error: ${(e as Error).message}`);
      hook.current.errors.push((e as Error).message);
      return undefined;
    } finally {
      hook.current.busy--;
      setRev((r) => r + 1);
    }
  };

  const expand = async (id: string) => {
    const ex = explorer.current!;
    const exp = await busy(ex.expand(id, paramsRef.current.limit));
    if (!exp) return;
    setMessage(exp.truncated ? `${view.current!.entity(id)?.name}: more than ${exp.limit} neighbours, the first ${exp.limit} shown (truncated).` : "");
    update({ expanded: ex.expandedIds() });
  };

  const collapse = (id: string) => {
    explorer.current!.collapse(id);
    update({ expanded: explorer.current!.expandedIds() });
    setRev((r) => r + 1);
  };

  const open = async (e: Entity) => {
    explorer.current!.reset();
    setHighlight(null);
    setEmphasis(new Set());
    update({ root: e.id, expanded: [], selected: { kind: "node", id: e.id }, path: null, cross: null });
    setTab("details");
    await expand(e.id);
  };

  const clickNode = (id: string) => {
    const p = paramsRef.current;
    const ex = explorer.current!;
    if (p.selected?.kind === "node" && p.selected.id === id && ex.isExpanded(id) && id !== p.root) return collapse(id);
    update({ selected: { kind: "node", id } });
    setTab("details");
    if (!ex.isExpanded(id)) void expand(id);
  };

  useEffect(() => {
    const v = new GraphView(canvas.current!, {
      onNode: clickNode,
      onEdge: (id) => (update({ selected: { kind: "fact", id } }), setTab("details")),
      onStage: () => update({ selected: null }),
    });
    view.current = v;
    explorer.current = new Explorer(v);
    feed.current = new LiveFeed(liveURL(document.baseURI), api.CHANGE, {
      onEvent: (ev) => {
        const done = applyChange(ev, v, explorer.current!, paramsRef.current.knownAt);
        setLiveEntries((old) => [done.entry, ...old].slice(0, LIVE_KEPT));
        if (done.reload) return void readAgain();
        v.flash(done.marks);
        setRev((r) => r + 1);
      },
      onState: setLiveState,
      onReload: () => void readAgain(),
      onCatchUp: (keys) => void busy((async () => {
        if (paramsRef.current.knownAt) return;
        const ids = [...new Set(keys.map((k) => k.slice(k.indexOf(":") + 1)))];
        catchUp(await api.catchUp(ids), v, explorer.current!);
      })()),
      onError: (key, code) => setMessage(`Live updates for ${key} refused: ${code}`),
    });
    installHook(hook.current, v, explorer.current, () => paramsRef.current, feed.current, () => liveRef.current);
    api.setKnownAt(paramsRef.current.knownAt);
    (async () => {
      const evs = await busy(api.entitiesOfKinds(["EVENT"]));
      if (evs) setEvents(evs);
      const p = paramsRef.current;
      if (p.root) {
        for (const id of [p.root, ...p.expanded.filter((x) => x !== p.root)]) await expand(id);
      }
      hook.current.ready = true;
    })();
  }, []);

  // Reads what is open again: after another knownAt (another graph), or when the live feed
  // cannot replay what it missed. The opened entity and its expansions are restored; path
  // finder and cross-track results are not re-run. The live watches then start from now.
  const readAgain = async () => {
    if (rereading.current) return void (rereadAgain.current = true);
    rereading.current = true;
    do {
      rereadAgain.current = false;
      const p = paramsRef.current;
      explorer.current!.reset();
      setHighlight(null);
      setEmphasis(new Set());
      await busy((async () => {
        const evs = await api.entitiesOfKinds(["EVENT"]);
        setEvents(evs);
        if (p.root) for (const id of [p.root, ...p.expanded.filter((x) => x !== p.root)]) await expand(id);
        setLoads((n) => n + 1);
      })());
    } while (rereadAgain.current);
    rereading.current = false;
    feed.current!.restart();
  };

  const knownAtShown = useRef(params.knownAt);
  useEffect(() => {
    if (knownAtShown.current === params.knownAt) return;
    knownAtShown.current = params.knownAt;
    api.setKnownAt(params.knownAt);
    void readAgain();
  }, [params.knownAt]);

  // What is visible follows the view; no layout runs here. The hook reports idle only once
  // the drawing matches the latest state.
  // knownAt is in the key so that the hook is not idle between a new instant and its reads.
  const span = spanOf(params.asOf, params.since);
  const applyKey = JSON.stringify([params.filters, span, params.knownAt, params.selected, rev, highlight ? [...highlight] : null, [...emphasis]]);
  hook.current.wanted = applyKey;
  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const sel = params.selected?.id ?? null;
    const ex = explorer.current!;
    v.apply({ filters: params.filters, span, expanded: new Set(ex.expandedIds()), pinned: ex.pinned, highlight, emphasis, selected: sel });
    setVisible({ nodes: v.visibleNodeIds(), edges: v.visibleEdgeIds() });
    hook.current.applied = applyKey;
  }, [applyKey]);

  useEffect(() => history.replaceState(null, "", writeView(params) || location.pathname), [params]);

  // Subscribe to what is loaded (live updates for what the time bar or a filter hides now
  // are needed when it shows again), and to the selected entity and track.
  useEffect(() => {
    if (view.current) feed.current?.sync(watches(view.current, explorer.current!, params.selected));
  }, [rev, params.selected?.kind, params.selected?.id]);
  const liveRef = useRef(liveEntries);
  liveRef.current = liveEntries;

  useEffect(() => {
    if (params.filters.statuses.includes("RETRACTED")) void busy(explorer.current!.withRetracted());
  }, [params.filters.statuses.includes("RETRACTED"), params.expanded.length, loads]);

  const v = view.current;
  const name = (id: string) => v?.entity(id)?.name ?? id;
  const facts = useMemo(() => (v ? v.facts() : []), [rev]);
  // The sequence of the latest live change applied to an entity or fact: its panel reads it again.
  const lastChange = (id: string, what: "entity" | "fact") => String(liveEntries.find((e) => e.applied && e[what] === id)?.sequence ?? "");
  const selectedFacts = (id: string) => visible.edges.flatMap((e) => v!.fact(e) ?? []).filter((f) => f.from.id === id || f.to.id === id);

  const pin = (nodes: Entity[], edges: Fact[], emphasise: string[]) => {
    explorer.current!.pin(nodes, edges);
    setHighlight(new Set([...nodes.map((n) => n.id), ...edges.map((e) => e.id)]));
    setEmphasis(new Set(emphasise));
    setRev((r) => r + 1);
  };

  const exportPNG = () => {
    const a = document.createElement("a");
    a.href = v!.exportPNG();
    a.download = `diplograph-${params.root?.replace(/\W+/g, "-") ?? "view"}.png`;
    a.click();
  };

  return (
    <div class="app">
      <header class="top">
        <h1>diplograph <small>explore</small></h1>
        <LiveStatus state={liveState} />
        <SearchBox label="Search entities" placeholder="Search: Zelensky, Gaza, Witkoff…" testId="search" onPick={open} />
        <button type="button" onClick={exportPNG} disabled={!params.root}>Export PNG</button>
        <ExportView scope={{ nodeIds: visible.nodes, asOf: params.asOf, knownAt: params.knownAt, filters: params.filters }} onError={setMessage} />
        {highlight && <button type="button" onClick={() => (setHighlight(null), setEmphasis(new Set()))}>Clear highlight</button>}
        <label class="limit">Expand limit{" "}
          <input type="number" min="1" max="500" value={params.limit} data-testid="limit"
            onChange={(e) => update({ limit: Math.max(1, Math.min(500, Number((e.target as HTMLInputElement).value) || 50)) })} />
        </label>
      </header>
      <main class="stage">
        <div class="canvas" ref={canvas} data-testid="graph" aria-label="Graph drawing; the text view below lists the same" role="img" />
        {!params.root && !highlight && <p class="empty">Search for an entity to start, or use the path finder and cross-track tabs.</p>}
        <p class="status" role="status" aria-live="polite" data-testid="status">{message}</p>
        <Legend kinds={params.filters.kinds} onToggle={(k) => update({ filters: { ...params.filters, kinds: toggle(params.filters.kinds, k, KINDS) } })} />
      </main>
      <aside class="side">
        <nav role="tablist" aria-label="Panels">
          {(["details", "paths", "cross", "filters"] as Tab[]).map((t) => (
            <button type="button" role="tab" key={t} aria-selected={tab === t} onClick={() => setTab(t)} data-tab={t}>
              {{ details: "Details", paths: "Path finder", cross: "Cross-track", filters: "Filters" }[t]}
            </button>
          ))}
        </nav>
        <div class="panel">
          {tab === "details" && !params.selected && <p>Click a node or an edge to see it here.</p>}
          {tab === "details" && params.selected?.kind === "node" && (
            <EntityPanel id={params.selected.id} expanded={explorer.current?.isExpanded(params.selected.id) ?? false}
              truncated={explorer.current?.expansions.get(params.selected.id)?.truncated ?? false} limit={params.limit}
              facts={selectedFacts(params.selected.id)} name={name} asOf={params.asOf}
              planned={(f) => f.type === "PARTICIPATED_IN" && v?.nodeStyle(f.to.id)?.type === "ring"}
              onSource={(source, quote) => setReading({ source, quote })}
              onToggle={() => { const id = params.selected!.id; explorer.current!.isExpanded(id) ? collapse(id) : void expand(id); }}
              onFact={(id) => update({ selected: { kind: "fact", id } })} changed={lastChange(params.selected.id, "entity")} />
          )}
          {tab === "details" && params.selected?.kind === "fact" && (
            <FactPanel id={params.selected.id} knownAt={params.knownAt} changed={lastChange(params.selected.id, "fact")} onEntity={(id) => update({ selected: { kind: "node", id } })}
              onSource={(source, quote) => setReading({ source, quote })} />
          )}
          <div hidden={tab !== "paths"}>
            <PathFinder initial={params.path} onResult={(pair, ps) => {
              update({ path: pair });
              pin(ps.flatMap((p) => p.nodes), ps.flatMap((p) => p.hops), pair);
            }} />
          </div>
          <div hidden={tab !== "cross"}>
            <CrossTrack initial={params.cross} onResult={(pair, sides, links) => {
              update({ cross: pair });
              const vias = links.flatMap((l) => [...l.tiesA, ...l.tiesB]).flatMap((t) => (t.via ? [t.via] : []));
              const rels = links.flatMap((l) => [...l.tiesA, ...l.tiesB]).flatMap((t) => t.relations);
              pin([...sides, ...links.map((l) => l.entity), ...vias], rels, links.map((l) => l.entity.id));
            }} />
          </div>
          {tab === "filters" && <FiltersPanel filters={params.filters} onChange={(f) => update({ filters: f })} />}
        </div>
        <LiveList entries={liveEntries} view={v} filters={params.filters} span={span}
          onFact={(id) => (update({ selected: { kind: "fact", id } }), setTab("details"))} onNode={clickNode} />
      </aside>
      <footer class="bottom">
        <TimeBar asOf={params.asOf} since={params.since} knownAt={params.knownAt} events={events} facts={facts}
          onTime={(since, asOf) => update({ since: asOf && since && since < asOf ? since : null, asOf })} onKnownAt={(knownAt) => update({ knownAt })} />
        <TextList nodes={visible.nodes} edges={visible.edges} view={v} span={span} onNode={clickNode}
          onFact={(id) => (update({ selected: { kind: "fact", id } }), setTab("details"))} />
      </footer>
      {reading && <SourceReader source={reading.source} quote={reading.quote} onClose={() => setReading(null)} />}
    </div>
  );
}

render(<App />, document.getElementById("app")!);
