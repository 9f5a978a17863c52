// Live updates (docs/live.md): writes made through the API while the dashboard is open reach
// it over its WebSocket subscriptions and are drawn without a reload, flashing; a fact that
// does not hold on the time bar's day is listed but not drawn, by the same rule as the API's
// neighborhood(asOf:); a dropped connection is resumed from the last sequence number, so a
// retraction made while it was down still arrives; RELOAD_REQUIRED reads the view again. Writes to the seeded graph, with an entity
// and a source of its own, and retracts its facts at the end.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, idle, hook, shot, BASE } from "./browser.mjs";

const ZELENSKYY = "person/volodymyr-zelenskyy";
const ENVOY = "person/live-test-envoy";
const SOURCE = "source/live-dashboard-test";
const RUN = Date.now().toString(36); // a role of this run's own: a retracted fact is never asserted again
const URL_ = `${BASE}?root=${encodeURIComponent(ZELENSKYY)}&exp=${encodeURIComponent(ZELENSKYY)}`;

const gql = async (query, variables = {}) => {
  const res = await fetch(new URL("../graphql", BASE), { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ query, variables }) });
  const body = await res.json();
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data;
};

const meet = async (role, day) => (await gql(
  `mutation($in: AssertRelationInput!) { assertRelation(input: $in) { created relation { id } } }`,
  { in: { from: ENVOY, type: "MET_WITH", to: ZELENSKYY, role: `${role} ${RUN}`, validFrom: day, validTo: day, confidence: 0.8, status: "REPORTED", sources: [SOURCE], quote: `${role} (live test)` } },
)).assertRelation.relation.id;

const retract = (id) => gql(`mutation($id: ID!) { retractRelation(id: $id, reason: "dashboard live test") { __typename } }`, { id });

// The API's answer for what the dashboard should draw of the envoy's facts on a day.
async function apiEnvoyFacts(asOf) {
  const { neighborhood } = await gql(`query($id: ID!, $a: Date) { neighborhood(id: $id, asOf: $a, limit: 500) { edges { id from { id } to { id } } } }`, { id: ZELENSKYY, a: asOf });
  return neighborhood.edges.filter((e) => e.from.id === ENVOY || e.to.id === ENVOY).map((e) => e.id).sort();
}

// The page's WebSocket goes through a route the test can cut, as a network drop would: every
// open socket is closed (1012, service restart) and new ones are refused until it is restored.
// With stale set, the subscriptions a new socket sends ask for since: 1, a number from before
// the service started (as a client resuming across a restart would): the service's answer is
// RELOAD_REQUIRED.
function cuttable() {
  const sockets = [];
  const net = { down: false, stale: false };
  return {
    route: (page) => page.routeWebSocket(/\/graphql$/, (ws) => {
      if (net.down) return ws.close({ code: 1013, reason: "test: still down" });
      const server = ws.connectToServer();
      ws.onMessage((m) => server.send(net.stale ? String(m).replace(/"since":\d+/g, '"since":1') : m));
      server.onMessage((m) => ws.send(m));
      sockets.push(ws);
    }),
    cut: async () => {
      net.down = true;
      for (const ws of sockets.splice(0)) await ws.close({ code: 1012, reason: "test: dropped" });
    },
    restore: (stale = false) => void Object.assign(net, { down: false, stale }),
  };
}

let browser;
const made = [];
before(async () => {
  browser = await launch();
  await gql(`mutation { addSource(input: { id: "${SOURCE}", title: "Dashboard live test" }) { __typename } }`);
  await gql(`mutation { upsertEntity(input: { id: "${ENVOY}", name: "Live Test Envoy" }) { __typename } }`);
});
after(async () => {
  for (const id of made) await retract(id).catch(() => {});
  await browser?.close();
});

const watching = (page, key) => page.waitForFunction((k) => window.__diplograph.live.state === "live" && window.__diplograph.live.watching.includes(k), key, { timeout: 15000 });

test("live: a fact asserted and one retracted through the API are drawn without a reload, flashing; the time bar's rule holds; a drop resumes", async () => {
  const net = cuttable();
  const { page, problems } = await openPage(browser, URL_, net.route);
  await watching(page, `relations:${ZELENSKYY}`);
  assert.equal(await page.locator('[data-testid="live-status"]').getAttribute("data-state"), "live");
  await page.evaluate(() => (window.__notReloaded = true));
  const drawn = await hook(page, "visibleNodeIds()");
  const at = Object.fromEntries(await Promise.all(drawn.map(async (id) => [id, await hook(page, `nodePosition(${JSON.stringify(id)})`)])));
  assert.ok(!drawn.includes(ENVOY));

  // 1. A new fact: the envoy appears beside Zelenskyy, the fact and the envoy flash, no node moves.
  const dec = await meet("Kyiv meeting (December 2025)", "2025-12-15");
  made.push(dec);
  await page.waitForFunction((id) => window.__diplograph.visibleEdgeIds().includes(id), dec, { timeout: 15000 });
  assert.ok((await hook(page, "visibleNodeIds()")).includes(ENVOY));
  const flashing = await hook(page, "flashing()");
  assert.ok(flashing.some((f) => f.id === dec && f.kind === "added" && f.drawn && f.strength > 0), JSON.stringify(flashing));
  assert.ok(flashing.some((f) => f.id === ENVOY && f.kind === "added"), JSON.stringify(flashing));
  for (const id of drawn) assert.deepEqual(await hook(page, `nodePosition(${JSON.stringify(id)})`), at[id], `${id} did not move`);
  const entry = page.locator(`[data-testid="live-list"] li[data-fact="${dec}"][data-kind="CREATED"]`);
  await entry.waitFor();
  assert.equal(await entry.getAttribute("data-drawn"), "true");
  await shot(page, "10-live-fact-added");

  // 2. The time bar's rule: as of 31 Dec 2025 a meeting on 10 Jan 2026 has not happened; it is
  // listed, not drawn, and drawn from its day on, as the API's neighbourhood answers.
  await page.locator('[data-testid="as-of"]').fill("2025-12-31");
  await page.waitForFunction(() => window.__diplograph.asOf === "2025-12-31");
  await idle(page);
  const jan = await meet("Davos meeting (January 2026)", "2026-01-10");
  made.push(jan);
  const janEntry = page.locator(`[data-testid="live-list"] li[data-fact="${jan}"]`);
  await janEntry.waitFor({ timeout: 15000 });
  await idle(page);
  assert.equal(await janEntry.getAttribute("data-drawn"), "false");
  assert.match(await janEntry.locator('[data-testid="live-note"]').textContent(), /not yet in force as of 31 Dec 2025/);
  assert.deepEqual((await hook(page, "visibleEdgeIds()")).filter((e) => e === dec || e === jan), await apiEnvoyFacts("2025-12-31"));
  await page.locator('[data-testid="as-of"]').fill("2026-01-15");
  await page.waitForFunction(() => window.__diplograph.asOf === "2026-01-15");
  await idle(page);
  assert.equal(await janEntry.getAttribute("data-drawn"), "true");
  assert.deepEqual((await hook(page, "visibleEdgeIds()")).filter((e) => e === dec || e === jan).sort(), await apiEnvoyFacts("2026-01-15"));

  // 3. The connection drops; a retraction is made meanwhile; back, the feed resumes from its
  // last sequence: the fact goes, drawn fading out where it was, listed once.
  const seq = await hook(page, "live.lastSequence");
  assert.ok(Number.isInteger(seq), `a sequence was seen: ${seq}`);
  await net.cut();
  await page.waitForFunction(() => window.__diplograph.live.state === "reconnecting", null, { timeout: 10000 });
  assert.equal(await page.locator('[data-testid="live-status"]').getAttribute("data-state"), "reconnecting");
  await shot(page, "11-live-reconnecting");
  await retract(dec);
  await new Promise((r) => setTimeout(r, 500));
  assert.ok((await hook(page, "visibleEdgeIds()")).includes(dec), "not applied while down");
  net.restore();
  await page.waitForFunction((id) => !window.__diplograph.visibleEdgeIds().includes(id), dec, { timeout: 20000 });
  assert.equal(await hook(page, "live.state"), "live");
  const gone = await hook(page, "flashing()");
  assert.ok(gone.some((f) => f.id === dec && f.kind === "retracted" && f.drawn), `the retracted fact fades out where it was: ${JSON.stringify(gone)}`);
  assert.ok(!(await hook(page, "visibleEdgeIds()")).includes(dec));
  await shot(page, "12-live-fact-retracted");
  assert.equal(await page.locator(`[data-testid="live-list"] li[data-fact="${dec}"][data-kind="RETRACTED"]`).count(), 1, "the retraction is listed once");
  assert.ok((await hook(page, "live.lastSequence")) > seq);

  // 4. The selected entity's own change: the envoy renamed, flashing, its panel read again.
  await page.locator(`.text-list button[data-node="${ENVOY}"]`).evaluate((b) => b.click());
  await watching(page, `entity:${ENVOY}`);
  await gql(`mutation { upsertEntity(input: { id: "${ENVOY}", description: "Renamed in the live test ${RUN}" }) { changed } }`);
  await page.locator(`[data-testid="live-list"] li[data-kind="CHANGED"]`).first().waitFor({ timeout: 15000 });
  assert.ok((await hook(page, "flashing()")).some((f) => f.id === ENVOY && f.kind === "changed"));
  await page.locator(`[data-testid="entity-panel"][data-id="${ENVOY}"]`).filter({ hasText: `Renamed in the live test ${RUN}` }).waitFor({ timeout: 10000 });

  // 5. Back from a drop with a sequence from before the service started: RELOAD_REQUIRED, so
  // the view is read again, and a fact asserted meanwhile is drawn from that read.
  await net.cut();
  await page.waitForFunction(() => window.__diplograph.live.state === "reconnecting", null, { timeout: 10000 });
  const later = await meet("Geneva meeting (January 2026)", "2026-01-12");
  made.push(later);
  net.restore(true);
  await page.waitForFunction(() => window.__diplograph.live.reloads > 0, null, { timeout: 20000 });
  await page.waitForFunction((id) => window.__diplograph.visibleEdgeIds().includes(id), later, { timeout: 20000 });
  await idle(page);
  assert.equal(await hook(page, "live.state"), "live");
  assert.equal(await page.evaluate(() => window.__notReloaded), true, "the page was not reloaded");
  assert.deepEqual(problems, []);
});
