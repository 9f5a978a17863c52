// Shared set-up for the browser tests: Debian's Chromium through playwright-core (never a
// downloaded browser), a page that records every request and console error, and helpers
// that wait on the dashboard's test hook.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";

export const BASE = process.env.DASHBOARD_URL ?? `http://${process.env.TEST_SERVICE_ADDR ?? "127.0.0.1:18080"}/explore/`;
export const SHOTS = join(dirname(fileURLToPath(import.meta.url)), "screenshots");

// gql posts a GraphQL request to the service beside the dashboard and returns its data;
// an answer with errors fails the test.
export const gql = async (query, variables = {}) => {
  const res = await fetch(new URL("../graphql", BASE), { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ query, variables }) });
  const body = await res.json();
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data;
};

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

export async function launch() {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // WebGL in software: this machine has no GPU.
    args: ["--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--no-sandbox"],
  });
}

// A page that fails the test for any request to another host and for any console error.
// prepare(page), when given, runs before the page loads (to route its WebSocket, say).
export async function openPage(browser, url = BASE, prepare = null) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const origin = new URL(BASE).origin;
  const problems = [];
  page.on("request", (r) => {
    const u = r.url();
    if (/^(data|blob):/.test(u)) return;
    if (new URL(u).origin !== origin) problems.push(`request to another host: ${u}`);
  });
  page.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  if (prepare) await prepare(page);
  await page.goto(url);
  await idle(page);
  return { page, problems };
}

export async function idle(page, timeout = 20000) {
  await page.waitForFunction(() => window.__diplograph?.idle === true, null, { timeout, polling: 100 });
}

export const hook = (page, expr) => page.evaluate(`window.__diplograph.${expr}`);

// Saves a screenshot and checks that it shows a drawing, not a blank page: the canvas
// region must hold many distinct colours.
export async function shot(page, name) {
  const file = join(SHOTS, `${name}.png`);
  const png = await page.screenshot({ path: file });
  const colours = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement("canvas");
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext("2d");
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set();
    for (let i = 0; i < d.length; i += 4 * 97) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    return seen.size;
  }, png.toString("base64"));
  assert.ok(colours > 40, `${name}.png looks blank (${colours} colours)`);
  return file;
}
