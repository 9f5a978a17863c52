// The dashboard against the seeded service (scripts/test-service): the issue's scenario,
// asserted on what is drawn (window.__diplograph), with no request to another host and no
// console error.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, idle, hook, shot, BASE, gql } from "./browser.mjs";

const ZELENSKYY = "person/volodymyr-zelenskyy";
const TRACK = "track/ukraine-peace-talks";
const MEETING_JAN = "event/2026-01-22-moscow-meeting-witkoff-kushner-putin";
const MEETING_DEC = "event/2025-12-02-moscow-meeting-witkoff-putin";
const DAVOS = "event/2026-01-witkoff-at-world-economic-forum-davos"; // dated "../2026-01-26"

let browser;
before(async () => (browser = await launch()));
after(async () => browser?.close());

async function searchAndOpen(page, box, text, id) {
  await page.locator(`[data-testid="${box}"] input`).fill(text);
  const hit = page.locator(`[data-testid="${box}"] li[data-id="${id}"]`);
  await hit.waitFor({ timeout: 10000 });
  await hit.dispatchEvent("mousedown");
}

test("explore: search, open, expand by a click on the canvas, time bar, source, collapse", async () => {
  const { page, problems } = await openPage(browser);
  await searchAndOpen(page, "search", "Zelensky", ZELENSKYY);
  await idle(page);
  let nodes = await hook(page, "visibleNodeIds()");
  assert.ok(nodes.includes(ZELENSKYY) && nodes.includes(TRACK) && nodes.includes("country/ukraine"), nodes.join(" "));
  assert.ok(!nodes.includes(MEETING_JAN), "the meetings are not Zelenskyy's neighbours");
  await shot(page, "1-opened");

  // A click on the track's node expands it.
  const at = await hook(page, `nodeViewport(${JSON.stringify(TRACK)})`);
  const box = await page.locator('[data-testid="graph"]').boundingBox();
  await page.mouse.click(box.x + at.x, box.y + at.y);
  await idle(page);
  assert.deepEqual(await hook(page, "expanded"), [ZELENSKYY, TRACK]);
  nodes = await hook(page, "visibleNodeIds()");
  assert.ok(nodes.includes(MEETING_JAN) && nodes.includes(MEETING_DEC), nodes.join(" "));
  assert.equal((await hook(page, "selected")).id, TRACK);
  await page.locator('[data-testid="entity-panel"][data-id="track/ukraine-peace-talks"]').waitFor();
  const dashed = await hook(page, "visibleEdgeIds().filter(e => window.__diplograph.edgeStyle(e) === 'dashed').length");
  assert.ok(dashed > 0, "REPORTED facts are drawn dashed");
  // The seed's January meeting is only scheduled: a ring; December's was held: a disc.
  assert.deepEqual(await hook(page, `nodeStyle(${JSON.stringify(MEETING_JAN)})`), { type: "ring", status: "SCHEDULED" });
  assert.deepEqual(await hook(page, `nodeStyle(${JSON.stringify(MEETING_DEC)})`), { type: "circle", status: "HELD" });
  await shot(page, "2-expanded");

  // The time bar: as of 2025-12-31 the January meeting is gone, December's is there, and no node moved.
  const before = await hook(page, `nodePosition(${JSON.stringify(MEETING_DEC)})`);
  const edgesNow = (await hook(page, "visibleEdgeIds()")).length;
  await page.locator('[data-testid="as-of"]').fill("2025-12-31");
  await page.waitForFunction(() => window.__diplograph.asOf === "2025-12-31");
  await idle(page);
  nodes = await hook(page, "visibleNodeIds()");
  assert.ok(!nodes.includes(MEETING_JAN), "the 2026-01-22 meeting had not happened by 2025-12-31");
  assert.ok(nodes.includes(MEETING_DEC), "the 2025-12-02 meeting had");
  assert.ok((await hook(page, "visibleEdgeIds()")).length < edgesNow);
  assert.deepEqual(await hook(page, `nodePosition(${JSON.stringify(MEETING_DEC)})`), before, "no new layout");
  assert.match(page.url(), /asOf=2025-12-31/);
  await shot(page, "3-as-of-2025-12-31");

  // The URL restores the view in a fresh page.
  const shared = page.url();
  const restored = await openPage(browser, shared);
  assert.deepEqual(await hook(restored.page, "visibleNodeIds()"), nodes);
  assert.equal(await hook(restored.page, "asOf"), "2025-12-31");
  assert.deepEqual(await hook(restored.page, "expanded"), [ZELENSKYY, TRACK]);
  assert.deepEqual(restored.problems, []);
  await restored.page.close();

  await page.locator('[data-testid="as-of"] + button').click(); // "now"
  await page.waitForFunction(() => window.__diplograph.asOf === null);

  // A fact's source, with its quote highlighted.
  await page.locator("details.text-list summary").click();
  const fact = page.locator(`.text-list button[data-edge]`).first();
  await fact.click();
  await page.locator('[data-testid="fact-panel"] [data-testid="open-source"]').first().click();
  const quote = (await page.locator('[data-testid="fact-panel"] blockquote').first().textContent()).trim();
  const mark = page.locator('[data-testid="source-reader"] mark');
  await mark.waitFor();
  assert.equal((await mark.textContent()).replace(/\s+/g, " ").trim(), quote.replace(/\s+/g, " "));
  // The text and its mark may render in one frame and scroll in the next; the quote must come into view soon.
  const inView = await page.waitForFunction(() => {
    const m = document.querySelector('[data-testid="source-reader"] mark'), r = m?.getBoundingClientRect();
    return r && r.top >= 0 && r.bottom <= innerHeight;
  }, null, { timeout: 3000 }).then(() => true, () => false);
  assert.ok(inView, "the quote scrolled into view within 3 s");
  // The quote is marked inside the source's full stored text (Source.text): text before and after it.
  const around = await mark.evaluate((m) => { const all = m.parentElement.textContent, at = all.indexOf(m.textContent); return [at, all.length - at - m.textContent.length]; });
  assert.ok(around[0] > 0 && around[1] > 0, `text before and after the quote: ${around}`);
  assert.equal(await page.locator('[data-testid="no-text"]').count(), 0, "no notice: the text is served");
  await shot(page, "4-source");
  await page.keyboard.press("Escape");
  await page.locator('[data-testid="source-reader"]').waitFor({ state: "detached" });

  // Collapse the track again: what only it brought in goes.
  await page.locator(`.text-list button[data-node="${TRACK}"]`).click();
  await page.locator('[data-testid="toggle-expand"]').click();
  await idle(page);
  nodes = await hook(page, "visibleNodeIds()");
  assert.ok(!nodes.includes(MEETING_JAN) && nodes.includes(TRACK), nodes.join(" "));
  assert.deepEqual(problems, []);
});

test("side panel: an event's status history with its sources, an open-bounded date, an inferred fact", async () => {
  const url = (sel) => `${BASE}?root=${encodeURIComponent(TRACK)}&exp=${encodeURIComponent(TRACK)}&sel=${encodeURIComponent(sel)}`;
  const { page, problems } = await openPage(browser, url(`node:${MEETING_JAN}`));
  const panel = page.locator(`[data-testid="entity-panel"][data-id="${MEETING_JAN}"]`);
  await panel.waitFor();
  assert.equal(await panel.locator('[data-testid="event-status"]').getAttribute("data-status"), "SCHEDULED");
  assert.match(await panel.locator('[data-testid="event-status"]').textContent(), /scheduled/);
  const entry = panel.locator('[data-testid="status-history"] li[data-status="SCHEDULED"]');
  assert.match(await entry.locator("blockquote").textContent(), /are scheduled to meet/);
  await entry.locator('[data-testid="open-status-source"]').first().click();
  const mark = page.locator('[data-testid="source-reader"] mark');
  await mark.waitFor();
  assert.match(await mark.textContent(), /are scheduled to meet/);
  // Who is to take part: planned, as Participant.planned says.
  const putin = panel.locator('ul.facts li:has(button:text-matches("Vladimir Putin PARTICIPATED_IN"))');
  assert.match(await putin.locator("small").textContent(), /planned/);
  await shot(page, "7-scheduled-event");
  await page.keyboard.press("Escape");

  // A date with no earliest day: drawn on every day, said as a bound, counted in the histogram.
  await page.locator(`.text-list button[data-node="${DAVOS}"]`).evaluate((b) => b.click());
  const davos = page.locator(`[data-testid="entity-panel"][data-id="${DAVOS}"]`);
  await davos.waitFor();
  assert.match(await davos.locator('[data-testid="entity-date"]').textContent(), /not after 26 Jan 2026/);
  await page.locator('[data-testid="as-of"]').fill("2020-06-01");
  await idle(page);
  assert.ok((await hook(page, "visibleNodeIds()")).includes(DAVOS), "may have happened by any day");
  assert.ok(await page.locator('.timebar g.bin[data-month="2026-01"]').count(), "the histogram places it on its last day");

  // An inferred fact says so, with the curator's note.
  const { entity } = await gql(`{ entity(id: "person/jared-kushner") { relations(types: [HOLDS_ROLE]) { id basis } } }`);
  const inferred = entity.relations.find((r) => r.basis === "INFERRED");
  assert.ok(inferred, "the seed has an inferred role for Kushner");
  await page.goto(url(`fact:${inferred.id}`));
  await idle(page);
  const fact = page.locator(`[data-testid="fact-panel"][data-id="${inferred.id}"]`);
  await fact.waitFor();
  assert.match(await fact.locator('[data-testid="fact-basis"]').textContent(), /inferred/);
  assert.match(await fact.locator('[data-testid="fact-basis-note"]').textContent(), /headline/);
  assert.deepEqual(problems, []);
});

test("expansion limit: a truncated neighbourhood says so", async () => {
  const { page, problems } = await openPage(browser, `${BASE}?limit=3`);
  // By keyboard: the best suggestion is active, Enter opens it.
  const input = page.locator('[data-testid="search"] input');
  await input.focus();
  await page.keyboard.type("Ukraine peace talks");
  await page.locator('[data-testid="search"] li[aria-selected="true"]').waitFor();
  assert.equal(await page.locator('[data-testid="search"] li[aria-selected="true"]').getAttribute("data-id"), TRACK);
  await page.keyboard.press("Enter");
  await idle(page);
  assert.deepEqual(await hook(page, "truncated"), [TRACK]);
  assert.equal((await hook(page, "visibleNodeIds()")).length, 4);
  await page.locator('[data-testid="truncated"]').waitFor();
  assert.match(await page.locator('[data-testid="status"]').textContent(), /truncated/);
  assert.deepEqual(problems, []);
});

test("cross-track on the two wars highlights who links them, with evidence on each side", async () => {
  const { page, problems } = await openPage(browser);
  await page.locator('[data-tab="cross"]').click();
  await page.locator('[data-testid="cross-a"]').selectOption("conflict/russia-ukraine-war");
  await page.locator('[data-testid="cross-b"]').selectOption("conflict/israel-hamas-war");
  await page.locator('[data-testid="run-cross"]').click();
  await page.locator('[data-testid="cross-link"]').first().waitFor();
  await idle(page);
  const links = await page.locator('[data-testid="cross-link"]').evaluateAll((ls) => ls.map((l) => l.dataset.id));
  assert.ok(links.includes("person/donald-trump") && links.includes("country/russia"), links.join(" "));
  const lit = await hook(page, "highlightedIds()");
  for (const id of ["person/donald-trump", "country/russia", "conflict/russia-ukraine-war", "conflict/israel-hamas-war"]) {
    assert.ok(lit.includes(id), `${id} highlighted`);
  }
  assert.deepEqual(await hook(page, "emphasisedIds()"), [...links].sort(), "the linking entities are ringed");
  const first = page.locator('[data-testid="cross-link"]').first();
  assert.ok((await first.locator(".sides > div").nth(0).locator("blockquote").count()) > 0, "evidence on side A");
  assert.ok((await first.locator(".sides > div").nth(1).locator("blockquote").count()) > 0, "evidence on side B");
  assert.match(page.url(), /cross=conflict%2Frussia-ukraine-war%2Cconflict%2Fisrael-hamas-war/);
  await shot(page, "5-cross-track");
  assert.deepEqual(problems, []);
});

test("path finder from Zelenskyy to Belarus explains each hop with its quote", async () => {
  const { page, problems } = await openPage(browser);
  await page.locator('[data-tab="paths"]').click();
  await searchAndOpen(page, "path-from", "Zelensky", ZELENSKYY);
  await searchAndOpen(page, "path-to", "Belarus", "country/belarus");
  await page.locator('[data-testid="run-paths"]').click();
  await page.locator('[data-testid="path"]').first().waitFor();
  await idle(page);
  const hops = page.locator('[data-testid="path"]').first().locator("li");
  assert.equal(await hops.count(), 3);
  for (let i = 0; i < 3; i++) assert.ok(((await hops.nth(i).locator("blockquote").textContent()) ?? "").length > 10, `hop ${i} quoted`);
  const lit = await hook(page, "highlightedIds()");
  for (const id of [ZELENSKYY, "person/donald-trump", "body/gaza-board-of-peace", "country/belarus"]) assert.ok(lit.includes(id), `${id} on the path`);
  await shot(page, "6-path");

  // The link restores the paths, with the two names in their boxes.
  const restored = await openPage(browser, page.url());
  await restored.page.locator('[data-testid="path"]').first().waitFor();
  await idle(restored.page);
  assert.equal(await restored.page.locator('[data-testid="path-to"] input').inputValue(), "Belarus");
  assert.deepEqual(await hook(restored.page, "highlightedIds()"), lit);
  assert.deepEqual(restored.problems, []);
  await restored.page.close();
  const png = await hook(page, "exportPNG()");
  assert.match(png, /^data:image\/png;base64,/);
  assert.ok(png.length > 10000, "the exported PNG holds a drawing");
  assert.deepEqual(problems, []);
});

test("filters: status and confidence hide facts without moving nodes", async () => {
  const { page, problems } = await openPage(browser, `${BASE}?root=${encodeURIComponent(TRACK)}&exp=${encodeURIComponent(TRACK)}`);
  const all = await hook(page, "visibleEdgeIds()");
  await page.locator('[data-tab="filters"]').click();
  await page.locator('input[data-status="REPORTED"]').uncheck();
  await idle(page);
  const fewer = await hook(page, "visibleEdgeIds()");
  assert.ok(fewer.length < all.length && fewer.length > 0);
  assert.ok(fewer.every((e) => all.includes(e)));
  assert.match(page.url(), /status=ASSERTED%2CDISPUTED/);

  // Play starts from the first event's day and steps forward through the events.
  await page.locator('[data-testid="play"]').click();
  await page.waitForFunction(() => window.__diplograph.asOf === "2014-01-01");
  await page.waitForFunction(() => window.__diplograph.asOf === "2022-02-24", null, { timeout: 5000 });
  await page.locator('[data-testid="play"]').click(); // pause
  await idle(page);
  const paused = await hook(page, "asOf");
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(await hook(page, "asOf"), paused, "paused");
  assert.ok(!(await hook(page, "visibleNodeIds()")).includes(MEETING_DEC), "December 2025 not reached yet");
  assert.deepEqual(problems, []);
});

// Last: it retracts a fact in the seeded graph (scripts/test-service serves it with anonymous writes).
test("retracted facts are hidden, shown again known at an instant before, or when the status filter asks", async () => {
  const { entity } = await gql(`{ entity(id: "${ZELENSKYY}") { relations(types: [HOLDS_ROLE]) { id status } } }`);
  const fact = entity.relations[0].id;
  const was = entity.relations[0].status;
  // An instant before the retraction, to the second (the control's precision).
  const before = new Date(Date.now() - 1000).toISOString().replace(/\.\d+Z$/, "Z");
  await gql(`mutation($id: ID!) { retractRelation(id: $id, reason: "dashboard test") { __typename } }`, { id: fact });

  const { page, problems } = await openPage(browser, `${BASE}?root=${encodeURIComponent(ZELENSKYY)}&exp=${encodeURIComponent(ZELENSKYY)}`);
  assert.ok(!(await hook(page, "visibleEdgeIds()")).includes(fact), "retracted: hidden by default");

  // Known at an instant before the retraction, the graph held the fact, with its old status.
  await page.locator('[data-testid="known-at"]').fill(before.replace(/Z$/, ""));
  await page.waitForFunction((k) => window.__diplograph.knownAt === k, before);
  await page.waitForFunction((id) => window.__diplograph.visibleEdgeIds().includes(id), fact, { timeout: 10000 });
  await idle(page);
  assert.equal(await hook(page, `view.fact(${JSON.stringify(fact)}).status`), was);
  assert.ok(page.url().includes(`knownAt=${encodeURIComponent(before)}`), page.url());
  await page.locator(`.text-list button[data-edge="${fact}"]`).evaluate((b) => b.click());
  await page.locator('[data-testid="fact-panel"] [data-testid="fact-status"]').waitFor();
  // The panel reads the fact known at that instant too (relation(id, knownAt)): its status
  // then, and no retraction, which had not been made yet.
  await page.locator('[data-testid="fact-panel"] [data-testid="fact-status"]').filter({ hasText: "as known at" }).waitFor();
  assert.match(await page.locator('[data-testid="fact-panel"] [data-testid="fact-status"]').textContent(), new RegExp(`^${was.toLowerCase()} \\(as known at`));
  assert.equal(await page.locator('[data-testid="fact-panel"] dt', { hasText: "Retracted" }).count(), 0, "no retraction known then");
  await shot(page, "8-known-at-before-retraction");
  // The link restores that clock.
  const restored = await openPage(browser, page.url());
  assert.equal(await hook(restored.page, "knownAt"), before);
  assert.ok((await hook(restored.page, "visibleEdgeIds()")).includes(fact));
  assert.deepEqual(restored.problems, []);
  await restored.page.close();
  await page.locator('[data-testid="known-at"] + button').click(); // "now"
  await page.waitForFunction(() => window.__diplograph.knownAt === null);
  await idle(page);
  assert.ok(!(await hook(page, "visibleEdgeIds()")).includes(fact), "known now: hidden again");

  await page.locator('[data-tab="filters"]').click();
  await page.locator('input[data-status="RETRACTED"]').check();
  await page.waitForFunction((id) => window.__diplograph.visibleEdgeIds().includes(id), fact, { timeout: 10000 });
  await idle(page);
  assert.match(page.url(), /status=ASSERTED%2CREPORTED%2CDISPUTED%2CRETRACTED/);
  assert.deepEqual(problems, []);
});

// Also writes: gives the January meeting a later status through the API.
test("an event cancelled through the API is drawn as cancelled from that day, scheduled before", async () => {
  await gql(`mutation($in: SetEventStatusInput!) { setEventStatus(input: $in) { changed } }`, { in: {
    event: MEETING_JAN, status: "CANCELLED", since: "2026-01-27", sources: ["source/2026-01-26-us-envoys-to-meet-putin"],
    quote: "are scheduled to meet with Russian President Vladimir Putin in Moscow on January 22",
  } });
  const { page, problems } = await openPage(browser, `${BASE}?root=${encodeURIComponent(TRACK)}&exp=${encodeURIComponent(TRACK)}&sel=${encodeURIComponent(`node:${MEETING_JAN}`)}`);
  assert.deepEqual(await hook(page, `nodeStyle(${JSON.stringify(MEETING_JAN)})`), { type: "ring", status: "CANCELLED" });
  const panel = page.locator(`[data-testid="entity-panel"][data-id="${MEETING_JAN}"]`);
  await panel.locator('[data-testid="status-history"] li[data-status="CANCELLED"]').waitFor();
  assert.equal(await panel.locator('[data-testid="event-status"]').getAttribute("data-status"), "CANCELLED");
  await shot(page, "9-cancelled-event");
  await page.locator('[data-testid="as-of"]').fill("2026-01-26");
  await idle(page);
  assert.deepEqual(await hook(page, `nodeStyle(${JSON.stringify(MEETING_JAN)})`), { type: "ring", status: "SCHEDULED" });
  assert.equal(await panel.locator('[data-testid="event-status"]').getAttribute("data-status"), "SCHEDULED");
  assert.match(await page.locator(`.text-list li:has(button[data-node="${MEETING_JAN}"]) small`).textContent(), /scheduled/);
  assert.deepEqual(problems, []);
});
