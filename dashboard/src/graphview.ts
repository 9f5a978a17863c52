// The thin adapter over sigma.js and graphology: the rest of the dashboard speaks in entities
// and facts and never touches the renderer. Visibility (filters, time, highlights) is applied
// by reducers over precomputed sets, so a change redraws without moving any node.
import Sigma from "sigma";
import { MultiDirectedGraph } from "graphology";
import FA2Layout from "graphology-layout-forceatlas2/worker";
import forceAtlas2 from "graphology-layout-forceatlas2";
import noverlap from "graphology-layout-noverlap";
import { indexParallelEdgesIndex, DEFAULT_EDGE_CURVATURE } from "@sigma/edge-curve";
import { createNodeBorderProgram } from "@sigma/node-border";
import { CurvedArrow, DashedCurvedArrow } from "./edge-programs";
import { FLASH_COLOURS, Flashes, type FlashKind, mix } from "./flash";
import { freeAngle, neighbourDistance } from "./placement";
import {
  type Entity, type Fact, type Filters, type Span, KIND_COLOURS, entityExists, eventStatus, factReaches, factShown, factTime, isDashed, isInferred,
  kindShown, notHeld,
} from "./model";

export interface ViewState {
  filters: Filters;
  span: Span | null; // the day or window shown; null for any day
  expanded: Set<string>; // opened or expanded: shown on any day, as the API's neighbourhood shows its centre
  pinned: Set<string>; // path and cross-track results: shown when they exist
  highlight: Set<string> | null; // node and fact ids to stand out; the rest is dimmed
  emphasis: Set<string>; // nodes ringed and boxed: cross-track links, path ends
  selected: string | null;
}

interface Handlers {
  onNode(id: string): void;
  onEdge(id: string): void;
  onStage(): void;
}

const DIM = "#3a3f4b";
const STAGE = "#11141a";
const CANCELLED = "#9e9e9e";
// An inferred fact's line: about half as opaque as a stated one's, and at most half as wide.
const INFERRED_ALPHA = "80";
const factWidth = (f: Fact) => (isInferred(f) ? 0.6 + 0.5 * f.confidence : 1.5 + f.confidence);

// Sigma's hover and selection label is dark text on a white box; this one keeps the page's
// light-on-dark contrast.
function drawLabelBox(ctx: CanvasRenderingContext2D, d: { x: number; y: number; size: number; label?: string | null }, s: { labelSize: number; labelFont: string; labelWeight: string }) {
  if (!d.label) return;
  ctx.font = `${s.labelWeight} ${s.labelSize}px ${s.labelFont}`;
  const w = ctx.measureText(d.label).width + 10;
  const h = s.labelSize + 8;
  ctx.fillStyle = "#0b0d12";
  ctx.strokeStyle = "#7cc4ff";
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.rect(d.x + d.size + 2, d.y - h / 2, w, h);
  ctx.fill();
  ctx.stroke();
  ctx.beginPath();
  ctx.arc(d.x, d.y, d.size + 2, 0, Math.PI * 2);
  ctx.stroke();
  ctx.fillStyle = "#ffffff";
  ctx.fillText(d.label, d.x + d.size + 7, d.y + s.labelSize / 3);
}

// A stable angle per id, so an expansion places the same nodes the same way every time.
function hashAngle(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return ((h >>> 0) / 4294967296) * 2 * Math.PI;
}

function curvature(index: number, maxIndex: number): number {
  const amplitude = 3.5;
  const max = amplitude * (1 - Math.exp(-maxIndex / amplitude)) * DEFAULT_EDGE_CURVATURE;
  return (max * index) / maxIndex;
}

// An event not held on the day shown (scheduled, postponed, rescheduled, cancelled) is a hollow
// ring: its colour on the outer third, the stage inside.
const RingProgram = createNodeBorderProgram({
  borders: [
    { size: { value: 0.35 }, color: { attribute: "color" } },
    { size: { fill: true }, color: { value: STAGE } },
  ],
  drawLabel: undefined,
  drawHover: drawLabelBox,
});

// What just changed (flash.ts): a ring in the change's colour around the node's own disc,
// its width (flashSize, a share of the radius) fading with the mark.
const FlashProgram = createNodeBorderProgram({
  borders: [
    { size: { attribute: "flashSize", defaultValue: 0.3 }, color: { attribute: "flashColor" } },
    { size: { fill: true }, color: { attribute: "color" } },
  ],
  drawLabel: undefined,
  drawHover: drawLabelBox,
});

// The fading is redrawn this often while any mark shows.
const FLASH_FRAME_MS = 80;

export class GraphView {
  readonly graph = new MultiDirectedGraph();
  readonly sigma: Sigma;
  private layout: FA2Layout | null = null;
  private layoutTimer = 0;
  private visibleNodes = new Set<string>();
  private visibleEdges = new Set<string>();
  // Facts retracted by a live change, drawn where they were until their mark fades.
  private ghosts = new Map<string, string[]>();
  private state: ViewState | null = null;
  readonly flashes = new Flashes();
  private flashTimer = 0;
  layoutRunning = false;
  lastApplyMs = 0;

  constructor(container: HTMLElement, handlers: Handlers) {
    this.sigma = new Sigma(this.graph, container, {
      renderEdgeLabels: true,
      enableEdgeEvents: true,
      defaultEdgeType: "curved",
      edgeProgramClasses: { curved: CurvedArrow, dashed: DashedCurvedArrow },
      nodeProgramClasses: { ring: RingProgram, flash: FlashProgram },
      labelColor: { color: "#e8eaed" },
      edgeLabelColor: { color: "#c3c7cf" },
      labelRenderedSizeThreshold: 4,
      labelDensity: 1,
      edgeLabelSize: 11,
      zIndex: true,
      stagePadding: 40,
      defaultDrawNodeHover: drawLabelBox,
      nodeReducer: (id, d) => this.nodeLook(id, d),
      edgeReducer: (id, d) => this.edgeLook(id, d),
    });
    this.sigma.on("clickNode", ({ node }) => handlers.onNode(node));
    this.sigma.on("clickEdge", ({ edge }) => handlers.onEdge(edge));
    this.sigma.on("clickStage", () => handlers.onStage());
    for (const ev of ["enterNode", "enterEdge"] as const) this.sigma.on(ev, () => (container.style.cursor = "pointer"));
    for (const ev of ["leaveNode", "leaveEdge"] as const) this.sigma.on(ev, () => (container.style.cursor = ""));
    // Sigma sizes its canvases on a window resize only; the stage also shrinks when the text
    // view opens or the time bar's controls wrap, and the drawing must not spill over them.
    new ResizeObserver(() => this.sigma.scheduleRefresh()).observe(container);
  }

  hasNode = (id: string) => this.graph.hasNode(id);
  entity = (id: string): Entity | undefined => this.graph.hasNode(id) ? this.graph.getNodeAttribute(id, "entity") : undefined;
  fact = (id: string): Fact | undefined => this.graph.hasEdge(id) ? this.graph.getEdgeAttribute(id, "fact") : undefined;
  entities = (): Entity[] => this.graph.mapNodes((_, a) => a.entity as Entity);
  facts = (): Fact[] => this.graph.mapEdges((_, a) => a.fact as Fact);

  // Adds entities and facts; new nodes start around origin (or the centre), then the layout
  // runs. A live change (settle: false) moves nothing: a new node is put beside origin, at
  // the distance of origin's neighbours, and no layout runs.
  merge(nodes: Entity[], edges: Fact[], origin: string | null, settle = true): string[] {
    const added: string[] = [];
    const o = (origin && this.graph.hasNode(origin) ? this.graph.getNodeAttributes(origin) : { x: 0, y: 0 }) as { x: number; y: number };
    const reach = settle || !origin ? 1 : neighbourDistance(this.graph, origin);
    for (const e of nodes) {
      if (this.graph.hasNode(e.id)) {
        this.graph.mergeNodeAttributes(e.id, { entity: { ...this.entity(e.id), ...e }, label: e.name ?? this.entity(e.id)?.name });
        continue;
      }
      const r = this.graph.order === 0 ? 0 : reach * (1 + (added.length % 5) * 0.3);
      const a = settle ? hashAngle(e.id) : freeAngle(this.graph, o, r, hashAngle(e.id));
      this.graph.addNode(e.id, {
        entity: e, label: e.name, color: KIND_COLOURS[e.kind] ?? "#ccc", size: 6,
        x: o.x + r * Math.cos(a), y: o.y + r * Math.sin(a),
      });
      added.push(e.id);
    }
    for (const f of edges) {
      if (this.graph.hasEdge(f.id)) {
        if (!settle) this.graph.mergeEdgeAttributes(f.id, { fact: { ...this.fact(f.id), ...f }, size: factWidth(f) });
        continue;
      }
      if (!this.graph.hasNode(f.from.id) || !this.graph.hasNode(f.to.id)) continue;
      this.graph.addDirectedEdgeWithKey(f.id, f.from.id, f.to.id, { fact: f, label: f.type, size: factWidth(f) });
    }
    this.restyle();
    if (added.length && settle) this.runLayout();
    return added;
  }

  // Marks what a live change touched; the marks fade on their own (flash.ts).
  flash(marks: { id: string; kind: FlashKind }[]): void {
    for (const m of marks) this.flashes.add(m.id, m.kind);
    if (this.flashTimer) return;
    this.flashTimer = window.setInterval(() => {
      const on = this.flashes.active();
      this.sigma.refresh();
      if (!on.length) (window.clearInterval(this.flashTimer), (this.flashTimer = 0));
    }, FLASH_FRAME_MS);
  }

  // The marks showing now, and whether each is drawn: a fact just retracted stays drawn, a
  // ghost fading out where it was (not among visibleEdgeIds), with an end it alone reached.
  flashing = () => this.flashes.active().map((m) => ({ ...m, drawn: this.visibleNodes.has(m.id) || this.visibleEdges.has(m.id) || this.isGhost(m.id) || this.isGhostEnd(m.id) }));

  private isGhost = (id: string) => this.ghosts.has(id) && this.flashes.strength(id) > 0;

  private isGhostEnd = (id: string) => this.ghostStrength(id) > 0;

  private ghostStrength(id: string): number {
    let most = 0;
    for (const [e, ends] of this.ghosts) if (ends.includes(id)) most = Math.max(most, this.flashes.strength(e));
    return most;
  }

  remove(ids: string[]): void {
    for (const id of ids) if (this.graph.hasNode(id)) this.graph.dropNode(id);
    this.restyle();
  }

  clear(): void {
    this.stopLayout();
    this.flashes.clear();
    this.ghosts.clear();
    this.graph.clear();
  }

  // Node size by degree and curvature by parallel index, after every change of the graph.
  private restyle(): void {
    this.graph.forEachNode((id) => this.graph.setNodeAttribute(id, "size", 5 + 2.2 * Math.sqrt(this.graph.degree(id))));
    indexParallelEdgesIndex(this.graph, {
      edgeIndexAttribute: "parallelIndex", edgeMinIndexAttribute: "parallelMinIndex", edgeMaxIndexAttribute: "parallelMaxIndex",
    });
    this.graph.forEachEdge((id, a) => {
      const maxIndex = a.parallelMaxIndex as number | null;
      const index = a.parallelIndex as number | null;
      // Lone edges bend slightly too: a straight line would need a third program.
      const c = typeof index === "number" && maxIndex ? curvature(index, maxIndex) + 0.08 : 0.08;
      this.graph.mergeEdgeAttributes(id, { curvature: c, type: isDashed((a.fact as Fact).status) ? "dashed" : "curved" });
    });
  }

  private runLayout(): void {
    this.stopLayout();
    const n = this.graph.order;
    if (n < 2) return;
    this.layout = new FA2Layout(this.graph, {
      settings: { ...forceAtlas2.inferSettings(n), barnesHutOptimize: n > 300, slowDown: 2 },
    });
    this.layoutRunning = true;
    this.layout.start();
    this.layoutTimer = window.setTimeout(() => this.settle(), Math.min(2500, 500 + n * 4));
  }

  private settle(): void {
    this.stopLayout();
    noverlap.assign(this.graph, { maxIterations: 60, settings: { ratio: 1.4, margin: 2 } });
    this.layoutRunning = false;
  }

  private stopLayout(): void {
    window.clearTimeout(this.layoutTimer);
    this.layout?.kill();
    this.layout = null;
    this.layoutRunning = false;
  }

  // Computes what is visible for a view; positions are untouched. Time and relation types
  // reach as in the API's neighbourhood on a day: an expanded node, each neighbour (existing
  // then) joined to it by a fact of a shown type that holds then, and the facts that hold
  // between the nodes so reached. The other filters (status, confidence) then hide facts,
  // and a reached node with no fact left goes with them.
  apply(state: ViewState): void {
    const t0 = performance.now();
    this.state = state;
    const wasShown = this.visibleEdges;
    const { filters, span, expanded, pinned } = state;
    const kindOk = new Set<string>();
    const exists = new Set<string>();
    this.graph.forEachNode((id, a) => {
      const e = a.entity as Entity;
      if (!kindShown(e.kind, filters)) return;
      kindOk.add(id);
      if (entityExists(e, span)) exists.add(id);
    });
    const always = new Set<string>();
    for (const id of expanded) if (kindOk.has(id)) always.add(id);
    for (const id of pinned) if (exists.has(id)) always.add(id);
    const reached = new Set(always);
    const holds: string[] = [];
    this.graph.forEachEdge((id, a, s, t) => {
      if (!kindOk.has(s) || !kindOk.has(t) || !factReaches(a.fact as Fact, filters, span)) return;
      holds.push(id);
      if (expanded.has(s) && exists.has(t)) reached.add(t);
      if (expanded.has(t) && exists.has(s)) reached.add(s);
    });
    this.visibleNodes = always;
    this.visibleEdges = new Set();
    for (const id of holds) {
      const s = this.graph.source(id), t = this.graph.target(id);
      if (!reached.has(s) || !reached.has(t) || !factShown(this.fact(id)!, filters, span)) continue;
      this.visibleEdges.add(id);
      this.visibleNodes.add(s);
      this.visibleNodes.add(t);
    }
    const ghosts = new Map([...this.ghosts].filter(([id]) => this.flashes.strength(id) > 0 && this.graph.hasEdge(id)));
    for (const id of wasShown) {
      if (!this.visibleEdges.has(id) && this.graph.hasEdge(id) && this.flashes.kind(id) === "retracted" && this.flashes.strength(id) > 0) ghosts.set(id, this.graph.extremities(id));
    }
    this.ghosts = ghosts;
    this.sigma.refresh();
    this.lastApplyMs = performance.now() - t0;
  }

  visibleNodeIds = (): string[] => [...this.visibleNodes].sort();
  highlightedIds = (): string[] => [...(this.state?.highlight ?? [])].filter((id) => this.visibleNodes.has(id) || this.visibleEdges.has(id)).sort();
  emphasisedIds = (): string[] => [...(this.state?.emphasis ?? [])].filter((id) => this.visibleNodes.has(id)).sort();
  viewportOf = (id: string) => (this.graph.hasNode(id) ? this.sigma.graphToViewport(this.graph.getNodeAttributes(id) as { x: number; y: number }) : null);
  visibleEdgeIds = (): string[] => [...this.visibleEdges].sort();

  // How a fact is drawn, as the renderer was given it: the line (dashed for REPORTED and
  // DISPUTED), its width and colour, and whether it is inferred; null when not drawn.
  factStyle(id: string): { line: "solid" | "dashed"; inferred: boolean; size: number; color: string } | null {
    const d = this.graph.hasEdge(id) && this.visibleEdges.has(id) ? this.sigma.getEdgeDisplayData(id) : undefined;
    if (!d) return null;
    return { line: d.type === "dashed" ? "dashed" : "solid", inferred: isInferred(this.fact(id)!), size: d.size, color: d.color };
  }

  // An event's status on the day shown, and how its node is drawn: "ring" when not held.
  nodeStyle(id: string): { type: "circle" | "ring"; status: string | null } | null {
    const e = this.entity(id);
    if (!e) return null;
    const status = e.kind === "EVENT" ? eventStatus(e, this.state?.span?.to ?? null) : null;
    return { type: notHeld(status) ? "ring" : "circle", status };
  }

  private nodeLook(id: string, d: Record<string, unknown>) {
    const s = this.state;
    if (!this.visibleNodes.has(id)) {
      if (!this.isGhostEnd(id)) return { ...d, hidden: true };
      return { ...d, color: mix(d.color as string, STAGE, 0.3 + 0.5 * this.ghostStrength(id)), forceLabel: true, zIndex: 1 };
    }
    const dim = s?.highlight && !s.highlight.has(id);
    const look = this.nodeStyle(id);
    const flash = this.flashes.strength(id);
    if (flash > 0) {
      const kind = this.flashes.kind(id)!;
      return {
        ...d, type: "flash", size: (d.size as number) * (1 + 0.5 * flash), flashSize: 0.45 * flash,
        flashColor: FLASH_COLOURS[kind], color: look?.status === "CANCELLED" ? CANCELLED : (d.color as string), forceLabel: true, zIndex: 2,
      };
    }
    return {
      ...d,
      type: look?.type ?? "circle",
      color: dim ? DIM : look?.status === "CANCELLED" ? CANCELLED : (d.color as string),
      label: dim ? "" : (d.label as string),
      highlighted: s?.selected === id || !!s?.emphasis.has(id),
      zIndex: dim ? 0 : 1,
    };
  }

  private edgeLook(id: string, d: Record<string, unknown>) {
    const s = this.state;
    const flash = this.flashes.strength(id);
    if (!this.visibleEdges.has(id)) {
      // A fact just retracted fades out where it was instead of vanishing.
      if (!this.isGhost(id)) return { ...d, hidden: true };
      return { ...d, type: "dashed", color: mix(FLASH_COLOURS.retracted, STAGE, flash), size: (d.size as number) + 3 * flash, zIndex: 2, forceLabel: true };
    }
    const fact = d.fact as Fact;
    const past = factTime(fact, s?.span ?? null) === "past";
    const dim = s?.highlight && !s.highlight.has(id);
    const base = s?.selected === id ? "#ffffff" : dim ? "#2b2f38" : past ? "#5b6170" : fact.status === "RETRACTED" ? "#e57373" : fact.status === "DISPUTED" ? "#ff8a65" : "#8f98a8";
    // Inferred: the same hue, lighter (more of the stage shows through) and thinner (factWidth).
    const colour = isInferred(fact) && !dim && s?.selected !== id ? base + INFERRED_ALPHA : base;
    // Past a few dozen facts every label at once is unreadable: then only the selection's
    // facts and the highlighted ones keep theirs (the panel and the text view list the rest).
    const ends = [fact.from.id, fact.to.id];
    const busy = this.visibleEdges.size > 40;
    const labelled = !dim && (!busy || s?.selected === id || ends.includes(s?.selected ?? "") || !!s?.highlight?.has(id));
    if (flash > 0) {
      const mark = FLASH_COLOURS[this.flashes.kind(id)!];
      return { ...d, color: mix(mark, colour.slice(0, 7), flash), size: (d.size as number) + 3 * flash, label: d.label as string, forceLabel: true, zIndex: 2 };
    }
    return { ...d, color: colour, label: labelled ? (d.label as string) : "", zIndex: dim ? 0 : 1 };
  }

  // One PNG of what is on screen: sigma draws on several stacked canvases, composed here.
  exportPNG(): string {
    this.sigma.refresh();
    const { width, height } = this.sigma.getDimensions();
    const ratio = window.devicePixelRatio || 1;
    const out = document.createElement("canvas");
    out.width = width * ratio;
    out.height = height * ratio;
    const ctx = out.getContext("2d")!;
    ctx.fillStyle = STAGE;
    ctx.fillRect(0, 0, out.width, out.height);
    for (const c of Object.values(this.sigma.getCanvases())) ctx.drawImage(c, 0, 0, out.width, out.height);
    return out.toDataURL("image/png");
  }
}
