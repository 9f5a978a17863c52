// Exports read back by graphology-gexf, the parser Gephi Lite uses: the service's GEXF 1.3
// against the GraphQL answer, and the dashboard's "Export view" control downloading the
// visible graph (scripts/test-service serves both).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import Graph from "graphology";
import gexf from "graphology-gexf";
import { launch, openPage, idle, hook, shot, BASE, gql } from "./browser.mjs";

const PUTIN = "person/vladimir-putin";
const TRACK = "track/ukraine-peace-talks";

let browser;
before(async () => (browser = await launch()));
after(async () => browser?.close());

test("the service's GEXF parses in graphology-gexf with the API's nodes, facts and provenance", async () => {
  const res = await fetch(new URL(`../export/gexf?scope=neighborhood&id=${PUTIN}&depth=2&asOf=2025-12-31`, BASE));
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-disposition"), /attachment; filename="diplograph-neighborhood-vladimir-putin-asof-2025-12-31\.gexf"/);
  const text = await res.text();
  const g = gexf.parse(Graph, text);
  const { neighborhood: api } = await gql(`{ neighborhood(id: "${PUTIN}", depth: 2, asOf: "2025-12-31") {
    nodes { id name kind } edges { id type confidence status quote from { id } to { id } validFrom { value start } validTo { value end } evidence { source { id } quote } } } }`);
  assert.deepEqual(g.nodes().sort(), api.nodes.map((n) => n.id).sort());
  assert.equal(g.size, api.edges.length);
  for (const n of api.nodes) {
    assert.equal(g.getNodeAttribute(n.id, "label"), n.name);
    assert.equal(g.getNodeAttribute(n.id, "entityKind").toUpperCase(), n.kind);
  }
  for (const e of api.edges) {
    assert.ok(g.hasEdge(e.id), `fact ${e.id} missing`);
    const a = g.getEdgeAttributes(e.id);
    assert.equal(g.source(e.id), e.from.id);
    assert.equal(g.target(e.id), e.to.id);
    assert.equal(a.relType, e.type);
    assert.equal(a.label, e.type);
    assert.equal(a.confidence, e.confidence);
    assert.equal(a.weight, e.confidence);
    assert.equal(a.status.toUpperCase(), e.status);
    assert.equal(a.validFrom ?? null, e.validFrom?.value ?? null);
    assert.equal(a.validFirstDay ?? null, e.validFrom?.start ?? null);
    assert.equal(a.validLastDay ?? null, e.validTo?.end ?? null);
    assert.deepEqual(JSON.parse(a.quotes), e.evidence.map((ev) => ev.quote));
    assert.deepEqual(JSON.parse(a.sources), e.evidence.map((ev) => ev.source.id));
    assert.equal(JSON.parse(a.quotes)[0], e.quote);
  }
  // Dynamic, with days: what Gephi's timeline needs.
  assert.match(text, /<graph defaultedgetype="directed" mode="dynamic" timeformat="date"/);
});

test("Export view downloads the visible graph as GEXF, and graphology-gexf reads every visible node", async () => {
  const { page, problems } = await openPage(browser);
  await page.locator('[data-testid="search"] input').fill("Ukraine peace");
  const hit = page.locator(`[data-testid="search"] li[data-id="${TRACK}"]`);
  await hit.waitFor({ timeout: 10000 });
  await hit.dispatchEvent("mousedown");
  await idle(page);
  const visible = await hook(page, "visibleNodeIds()");
  const visibleEdges = await hook(page, "visibleEdgeIds()");
  assert.ok(visible.length > 5 && visible.includes(TRACK), visible.join(" "));
  assert.equal(await page.locator('[data-testid="export-format"]').inputValue(), "gexf");
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator('[data-testid="export-button"]').click()]);
  assert.match(download.suggestedFilename(), /^diplograph-entities-\d{4}-\d{2}-\d{2}\.gexf$/);
  const g = gexf.parse(Graph, await readFile(await download.path(), "utf8"));
  for (const id of visible) assert.ok(g.hasNode(id), `visible node ${id} is not in the file`);
  assert.equal(g.order, visible.length, "the file holds the visible nodes and no others");
  for (const id of visibleEdges) assert.ok(g.hasEdge(id), `visible fact ${id} is not in the file`);
  assert.ok(g.edges().every((e) => g.getEdgeAttribute(e, "factId") === e && g.getEdgeAttribute(e, "quotes")));
  await shot(page, "export-view");
  assert.deepEqual(problems, []);
});
