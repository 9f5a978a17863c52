// A measurement, not a test (docs/benchmarks.md): the dashboard's drawing at 500 and 2,000
// nodes in headless Chromium (software WebGL). Synthetic entities and facts go straight into
// the graph adapter, so the numbers are the dashboard's own cost, without the API's.
//   TEST_SERVICE_ADDR=127.0.0.1:18092 node test/bench.mjs
import { launch, openPage } from "./browser.mjs";

const browser = await launch();
const runs = [];
let problems = [];
// Each run in a fresh page, as an analyst's click would find it.
for (let run = 0; run < 5; run++) {
  const opened = await openPage(browser);
  runs.push(await measure(opened.page));
  problems = problems.concat(opened.problems);
  await opened.page.close();
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(JSON.stringify({
  chromium: await browser.version(),
  draw500: { nodes: runs[0].draw500.nodes, edges: runs[0].draw500.edges, medianMs: median(runs.map((r) => r.draw500.ms)), runsMs: runs.map((r) => Math.round(r.draw500.ms)) },
  apply2000: { nodes: runs[0].apply2000.nodes, edges: runs[0].apply2000.edges,
    filterMedianMs: median(runs.map((r) => r.apply2000.filterMs)), asOfMedianMs: median(runs.map((r) => r.apply2000.asOfMs)),
    windowMedianMs: median(runs.map((r) => r.apply2000.windowMs)) },
  problems,
}, null, 1));
await browser.close();

function measure(page) { return page.evaluate(async () => {
  const view = window.__diplograph.view;
  const kinds = ["PERSON", "COUNTRY", "ORGANIZATION", "EVENT", "TRACK", "PROPOSAL"];
  const types = ["PARTY_TO", "MET_WITH", "STATED", "BACKS", "PART_OF"];
  const statuses = ["ASSERTED", "REPORTED", "DISPUTED"];
  const day = (i) => `20${20 + (i % 6)}-${String(1 + (i % 12)).padStart(2, "0")}-15`;
  const pd = (d) => ({ value: d, precision: "DAY", start: d, end: d });
  const make = (n, fanout) => {
    const nodes = [{ id: "c", kind: "TRACK", name: "centre" }];
    const edges = [];
    for (let i = 0; i < n; i++) {
      const k = kinds[i % kinds.length];
      nodes.push({ id: `n${i}`, kind: k, name: `entity ${i}`, date: k === "EVENT" ? pd(day(i)) : null });
      edges.push({ id: `c${i}`, type: types[i % 5], from: { id: `n${i}` }, to: { id: "c" }, confidence: (i % 10) / 10,
        status: statuses[i % 3], validFrom: pd(day(i * 7)), validTo: null });
      for (let j = 1; j < fanout; j++) {
        const t = (i * 31 + j * 17) % n;
        edges.push({ id: `e${i}-${j}`, type: types[(i + j) % 5], from: { id: `n${i}` }, to: { id: `n${t}` },
          confidence: ((i + j) % 10) / 10, status: statuses[(i + j) % 3], validFrom: pd(day(i + j)), validTo: null });
      }
    }
    return { nodes, edges };
  };
  const state = (over = {}) => ({ filters: { types: [], kinds: [], statuses: [], minConfidence: 0 }, span: null,
    expanded: new Set(["c"]), pinned: new Set(), highlight: null, emphasis: new Set(), selected: null, ...over });
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const out = {};

  // 500 nodes: from handing the subgraph to the adapter to the first frame drawn.
  {
    const g = make(500, 2);
    const t0 = performance.now();
    view.merge(g.nodes, g.edges, null);
    view.apply(state());
    await frame();
    out.draw500 = { nodes: view.graph.order, edges: view.graph.size, ms: performance.now() - t0 };
  }
  view.clear();

  // 2,000 nodes: a filter change and a time-bar change, applied without layout.
  view.clear();
  const g = make(2000, 2);
  view.merge(g.nodes, g.edges, null);
  view.apply(state());
  while (view.layoutRunning) await new Promise((r) => setTimeout(r, 100));
  const timeIt = (s) => { const xs = []; for (let i = 0; i < 7; i++) { view.apply(state()); view.apply(s); xs.push(view.lastApplyMs); } return median(xs); };
  out.apply2000 = {
    nodes: view.graph.order, edges: view.graph.size,
    filterMs: timeIt(state({ filters: { types: [], kinds: [], statuses: ["ASSERTED"], minConfidence: 0.5 } })),
    asOfMs: timeIt(state({ span: { from: "2022-06-30", to: "2022-06-30" } })),
    windowMs: timeIt(state({ span: { from: "2022-01-01", to: "2022-06-30" } })),
  };
  view.clear();
  return out;
}); }
