// Inferred facts are drawn apart from stated ones: thinner and lighter, whatever their
// status's dashes, with a legend entry; the text view says so too.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, hook, shot, BASE, gql } from "./browser.mjs";

const KUSHNER = "person/jared-kushner";

let browser;
before(async () => (browser = await launch()));
after(async () => browser?.close());

test("an inferred fact is drawn thin and light, a stated one not; the legend and the text view say which", async () => {
  const { entity } = await gql(`{ entity(id: "${KUSHNER}") { relations { id basis status } } }`);
  const inferred = entity.relations.filter((r) => r.basis === "INFERRED");
  const stated = entity.relations.filter((r) => r.basis === "STATED");
  assert.ok(inferred.length && stated.length, "the seed has both for Kushner");

  const { page, problems } = await openPage(browser, `${BASE}?root=${encodeURIComponent(KUSHNER)}&exp=${encodeURIComponent(KUSHNER)}`);
  const style = (id) => hook(page, `factStyle(${JSON.stringify(id)})`);
  const widest = { inferred: 0, stated: Infinity };
  for (const r of inferred) {
    const s = await style(r.id);
    assert.ok(s, `${r.id} is drawn`);
    assert.equal(s.inferred, true, `${r.id} drawn as inferred`);
    assert.match(s.color, /^#[0-9a-f]{6}80$/i, `${r.id} drawn lighter: ${s.color}`);
    widest.inferred = Math.max(widest.inferred, s.size);
  }
  for (const r of stated) {
    const s = await style(r.id);
    assert.equal(s.inferred, false, `${r.id} drawn as stated`);
    assert.doesNotMatch(s.color, /^#[0-9a-f]{6}80$/i, `${r.id} drawn at full strength: ${s.color}`);
    assert.equal(s.line, ["REPORTED", "DISPUTED"].includes(r.status) ? "dashed" : "solid", `${r.id}: dashes follow the status, not the basis`);
    widest.stated = Math.min(widest.stated, s.size);
  }
  assert.ok(widest.inferred < widest.stated, `the widest inferred line (${widest.inferred}) is thinner than the thinnest stated one (${widest.stated})`);

  assert.match(await page.locator('[data-testid="legend-inferred"]').evaluate((e) => e.parentElement.textContent), /inferred by a curator/);
  await page.locator("details.text-list summary").click();
  assert.match(await page.locator(`.text-list li:has(button[data-edge="${inferred[0].id}"]) small`).textContent(), /inferred/);
  assert.doesNotMatch(await page.locator(`.text-list li:has(button[data-edge="${stated[0].id}"]) small`).textContent(), /inferred/);
  await shot(page, "12-inferred");
  assert.deepEqual(problems, []);
});
