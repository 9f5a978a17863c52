// The time bar's window: brushed across the histogram (a click still sets one day), kept in
// the URL, reported by the hook and the text view, played through, moved by the keyboard;
// and the histogram fitted to the seed's dates.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, idle, hook, shot, BASE } from "./browser.mjs";

const TRACK = "track/ukraine-peace-talks";
const MEETING_JAN = "event/2026-01-22-moscow-meeting-witkoff-kushner-putin";
const MEETING_DEC = "event/2025-12-02-moscow-meeting-witkoff-putin";
const OPENED = `${BASE}?root=${encodeURIComponent(TRACK)}&exp=${encodeURIComponent(TRACK)}`;

let browser;
before(async () => (browser = await launch()));
after(async () => browser?.close());

const bar = (page, month) => page.locator(`.timebar g.bin[data-month="${month}"] rect.hit`);

// A drag with the mouse from one place in a bar to another (fractions of each bar's width).
async function brush(page, fromMonth, fromAt, toMonth, toAt) {
  const a = await bar(page, fromMonth).boundingBox();
  const b = await bar(page, toMonth).boundingBox();
  const y = a.y + a.height / 2;
  await page.mouse.move(a.x + a.width * fromAt, y);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width * toAt, y, { steps: 6 });
  await page.mouse.up();
}

test("the histogram is fitted to the dates: recent months one bar each, older years gathered and labelled", async () => {
  const { page, problems } = await openPage(browser, OPENED);
  const bars = await page.locator(".timebar g.bin").evaluateAll((gs) => gs.map((g) => ({
    month: g.dataset.month, year: g.dataset.year, title: g.querySelector("title").textContent })));
  const labels = await page.locator(".timebar .axis span").allTextContents();
  assert.equal(labels.length, bars.length);
  assert.ok(labels.every((l) => l.trim()), `every bar labelled: ${labels.join(" | ")}`);
  const months = bars.filter((b) => b.month).map((b) => b.month);
  const years = bars.filter((b) => b.year);
  // The seed: most items from December 2025 to February 2026, older ones in 2014 and 2022
  // (other tests may add some in between).
  assert.equal(months[months.length - 1], "2026-02");
  assert.ok(months.length >= 6 && months.length <= 12, `monthly bars ${months.join(" ")}`);
  assert.deepEqual(bars.slice(0, years.length), years, "the years come first");
  for (const y of ["2014", "2022"]) assert.ok(years.some((b) => b.year === y), `${y} gathered in a bar of its own`);
  assert.deepEqual(labels.slice(0, years.length), years.map((b) => b.year), "each labelled with its year");
  for (const b of years) assert.doesNotMatch(b.title, /: 0 facts began, 0 events/, `no empty year: ${b.title}`);
  assert.ok(years.every((b, i) => i === 0 || Number(b.year) > Number(years[i - 1].year)));
  assert.ok(labels.includes("Jan 2026"), labels.join(" "));
  // The dense months are wide enough to read and to brush.
  const dec = await bar(page, "2025-12").boundingBox();
  assert.ok(dec.width > 60, `December's bar is ${dec.width}px wide`);
  await shot(page, "10-histogram");
  assert.deepEqual(problems, []);
});

test("brushing a window: what may hold on some day of it, in the URL, the hook and the text view", async () => {
  const { page, problems } = await openPage(browser, OPENED);
  const before = await hook(page, `nodePosition(${JSON.stringify(MEETING_DEC)})`);

  // Across December's bar alone: December.
  await brush(page, "2025-12", 0.2, "2025-12", 0.8);
  await page.waitForFunction(() => window.__diplograph.window?.to === "2025-12-31");
  await idle(page);
  assert.deepEqual(await hook(page, "window"), { from: "2025-12-01", to: "2025-12-31" });
  let nodes = await hook(page, "visibleNodeIds()");
  assert.ok(nodes.includes(MEETING_DEC), "the 2025-12-02 meeting is in the window");
  assert.ok(!nodes.includes(MEETING_JAN), "the 2026-01-22 meeting is after it");
  assert.deepEqual(await hook(page, `nodePosition(${JSON.stringify(MEETING_DEC)})`), before, "no new layout");
  // The URL follows the view a moment after it is drawn (history.replaceState in an effect).
  await page.waitForFunction(() => /[?&]asOf=2025-12-01\.\.2025-12-31(&|$)/.test(location.search), null, { timeout: 5000 });
  assert.match(await page.locator("details.text-list summary").textContent(), /from 1 Dec 2025 to 31 Dec 2025/);
  assert.equal(await page.locator('[data-testid="since"]').inputValue(), "2025-12-01");
  assert.equal(await page.locator('[data-testid="as-of"]').inputValue(), "2025-12-31");
  await shot(page, "11-window-december");

  // The link restores the window in a fresh page.
  const restored = await openPage(browser, page.url());
  assert.deepEqual(await hook(restored.page, "window"), { from: "2025-12-01", to: "2025-12-31" });
  assert.deepEqual(await hook(restored.page, "visibleNodeIds()"), nodes);
  assert.deepEqual(restored.problems, []);
  await restored.page.close();

  // Reaching into January: both meetings.
  await brush(page, "2025-12", 0.3, "2026-01", 0.5);
  await page.waitForFunction(() => window.__diplograph.window?.to === "2026-01-31");
  await idle(page);
  assert.deepEqual(await hook(page, "window"), { from: "2025-12-01", to: "2026-01-31" });
  nodes = await hook(page, "visibleNodeIds()");
  assert.ok(nodes.includes(MEETING_DEC) && nodes.includes(MEETING_JAN), nodes.join(" "));

  // A click (no drag) still sets one day: the bar's last.
  await bar(page, "2025-12").click();
  await page.waitForFunction(() => window.__diplograph.window === null && window.__diplograph.asOf === "2025-12-31");
  await page.waitForFunction(() => /[?&]asOf=2025-12-31(&|$)/.test(location.search), null, { timeout: 5000 });
  assert.deepEqual(problems, []);
});

test("the window by keyboard, and Play steps through the events inside it", async () => {
  const { page, problems } = await openPage(browser, OPENED);
  // Focus the histogram: End picks the last bar's last day, Shift+Left widens by a bar.
  await page.locator('[data-testid="histogram"]').focus();
  await page.keyboard.press("End");
  await page.waitForFunction(() => window.__diplograph.asOf === "2026-02-28");
  await page.keyboard.press("ArrowLeft");
  await page.waitForFunction(() => window.__diplograph.asOf === "2026-01-31" && window.__diplograph.window === null);
  await page.keyboard.press("Shift+ArrowLeft");
  await page.waitForFunction(() => window.__diplograph.window?.from === "2025-12-01");
  assert.deepEqual(await hook(page, "window"), { from: "2025-12-01", to: "2026-01-31" });
  assert.equal(await page.locator('[data-testid="histogram"]').getAttribute("aria-valuetext"), "from 1 Dec 2025 to 31 Jan 2026");

  // Play widens the window from its first day to each event's day inside it, in turn.
  await page.locator('[data-testid="play"]').click();
  await page.waitForFunction(() => window.__diplograph.window?.to === "2025-12-02");
  await idle(page);
  let nodes = await hook(page, "visibleNodeIds()");
  assert.ok(nodes.includes(MEETING_DEC) && !nodes.includes(MEETING_JAN), "first step: the December meeting's day");
  await page.waitForFunction(() => window.__diplograph.window?.to === "2026-01-19", null, { timeout: 5000 });
  await page.waitForFunction(() => window.__diplograph.window?.to === "2026-01-22", null, { timeout: 5000 });
  await idle(page);
  assert.ok((await hook(page, "visibleNodeIds()")).includes(MEETING_JAN), "the January meeting's day");
  // Past the last event inside the window it ends at the window as brushed, and stops.
  await page.waitForFunction(() => window.__diplograph.window?.to === "2026-01-31", null, { timeout: 8000 });
  await page.locator('[data-testid="play"]:text("Play")').waitFor({ timeout: 3000 });
  assert.equal((await hook(page, "window")).from, "2025-12-01");
  assert.deepEqual(problems, []);
});
