// The browser's copy of the time rule (src/model.ts) against the API's one rule
// (cypher/visibility.go): for neighbourhoods opened in the dashboard, on a grid of days, the
// facts and entities drawn must be those of neighborhood(id, asOf: day). A disagreement fails
// naming the fact (or entity), the day and which side has it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { launch, openPage, BASE, gql } from "./browser.mjs";

let browser;
before(async () => (browser = await launch()));
after(async () => browser?.close());

const KUSHNER = "person/jared-kushner";
const SOURCE = "source/2026-01-26-us-envoys-to-meet-putin";
const QUOTE = "U.S. Special Envoy Steve Witkoff and senior adviser Jared Kushner";
// The seed's facts have no ended state, so a few are added, each for a case of the rule:
// a state ended (month precision), ended by a bound open at its start, a year's span, a
// bound open at its end, and an occurrence whose day is over (history from then on).
const ADDED = [
  { type: "HOLDS_ROLE", to: "country/united-states", role: "time-rule test: adviser", validFrom: "2017-01", validTo: "2021-01" },
  { type: "MEMBER_OF", to: "body/gaza-board-of-peace", role: "time-rule test", validFrom: "2025", validTo: "../2025-10-15" },
  { type: "LEADS", to: "track/witkoff-kushner-backchannel", validFrom: "2024-03", validTo: "2024" },
  { type: "BACKS", to: "proposal/us-20-point-peace-plan", validFrom: "2025-11-01/2025-11-30", validTo: "2026-01-10/.." },
  { type: "MET_WITH", to: "person/vladimir-putin", validFrom: "2025-06-10", validTo: "2025-06-11" },
];

// Centres with each kind of date among them: Kushner with the facts above, the track (events
// open at the start, bounded, a 2014 year), an event as the centre, dated after many days of
// the grid, a territory of 2014, a conflict.
const CENTRES = [
  KUSHNER, "track/ukraine-peace-talks", "event/2026-01-22-moscow-meeting-witkoff-kushner-putin", "territory/crimea",
  "conflict/russia-ukraine-war",
];

const NEIGHBOURHOOD = `query($id: ID!, $asOf: Date) { neighborhood(id: $id, limit: 500, asOf: $asOf) {
  truncated nodes { id ... on Event { date { start end } } } edges { id validFrom { start end } validTo { start end } } } }`;

const shift = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);

// Each first and last day of a date in the neighbourhood with the day before the one and
// the day after the other (where a rule that reads the wrong end, or compares the wrong way,
// differs), and New Year's Day from 2013 to 2027.
function gridFor(sub) {
  const days = new Set();
  const mark = (d) => {
    if (d?.start) (days.add(shift(d.start, -1)), days.add(d.start));
    if (d?.end) (days.add(d.end), days.add(shift(d.end, 1)));
  };
  for (const e of sub.edges) (mark(e.validFrom), mark(e.validTo));
  for (const n of sub.nodes) mark(n.date);
  for (let y = 2013; y <= 2027; y++) days.add(`${y}-01-01`);
  return [...days].sort();
}

test("the occurrence types of the browser's rule are kg.Occurrences", async () => {
  const go = readFileSync(new URL("../../kg/vocabulary.go", import.meta.url), "utf8");
  const line = go.match(/var Occurrences = \[\]RelationType\{([^}]*)\}/);
  assert.ok(line, "kg/vocabulary.go declares Occurrences");
  const want = [...line[1].matchAll(/"([A-Z_]+)"/g)].map((m) => m[1]).sort();
  const { page, problems } = await openPage(browser);
  assert.deepEqual([...(await page.evaluate(() => window.__diplograph.occurrences))].sort(), want);
  assert.deepEqual(problems, []);
});

test("what the dashboard draws on each day is the API's neighborhood(id, asOf: day)", async () => {
  for (const f of ADDED) {
    await gql(`mutation($in: AssertRelationInput!) { assertRelation(input: $in) { __typename } }`, {
      in: { from: KUSHNER, confidence: 0.9, sources: [SOURCE], quote: QUOTE, ...f },
    });
  }
  let compared = 0;
  for (const centre of CENTRES) {
    const whole = (await gql(NEIGHBOURHOOD, { id: centre, asOf: null })).neighborhood;
    assert.equal(whole.truncated, false, `${centre}: the whole neighbourhood fits the limit`);
    const days = gridFor(whole);
    const api = new Map();
    for (const day of days) {
      const sub = (await gql(NEIGHBOURHOOD, { id: centre, asOf: day })).neighborhood;
      api.set(day, { facts: sub.edges.map((e) => e.id).sort(), entities: sub.nodes.map((n) => n.id).sort() });
    }

    const { page, problems } = await openPage(browser, `${BASE}?root=${encodeURIComponent(centre)}&exp=${encodeURIComponent(centre)}&limit=500`);
    // A small canvas draws faster in software; what is drawn does not depend on its size.
    await page.setViewportSize({ width: 800, height: 500 });
    // Each day through the As of control, as a person would type it, read once drawn.
    const drawn = await page.evaluate(async (days) => {
      const input = document.querySelector('[data-testid="as-of"]');
      const frame = () => new Promise((r) => requestAnimationFrame(r));
      const out = {};
      for (const day of days) {
        input.value = day;
        input.dispatchEvent(new Event("change", { bubbles: true }));
        for (let i = 0; !(window.__diplograph.asOf === day && window.__diplograph.idle); i++) {
          if (i > 600) throw new Error(`the drawing did not settle as of ${day}`);
          await frame();
        }
        out[day] = { facts: window.__diplograph.visibleEdgeIds(), entities: window.__diplograph.visibleNodeIds() };
      }
      return out;
    }, days);

    const wrong = [];
    for (const day of days) {
      for (const what of ["facts", "entities"]) {
        const a = new Set(api.get(day)[what]), d = new Set(drawn[day][what]);
        for (const id of a) if (!d.has(id)) wrong.push(`${centre} as of ${day}: ${id} is in the API's answer, not drawn`);
        for (const id of d) if (!a.has(id)) wrong.push(`${centre} as of ${day}: ${id} is drawn, not in the API's answer`);
      }
      compared++;
    }
    assert.deepEqual(wrong, [], `${wrong.length} disagreements:\n${wrong.slice(0, 30).join("\n")}`);
    assert.deepEqual(problems, []);
    await page.close();
  }
  assert.ok(compared > 150, `${compared} days compared`);
});
