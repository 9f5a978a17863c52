// Builds dist/ from src/ with fixed options, so the output depends only on the sources and
// the lockfile: `node build.mjs` writes dist/, `node build.mjs --check` builds in memory and
// fails when the committed dist/ differs (a stale bundle).
import * as esbuild from "esbuild";
import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const check = process.argv.includes("--check");

const result = await esbuild.build({
  absWorkingDir: here,
  entryPoints: { app: "src/main.tsx", "app-style": "src/style.css" },
  bundle: true,
  minify: true,
  format: "iife",
  target: ["chrome110", "firefox110", "safari16"],
  jsx: "automatic",
  jsxImportSource: "preact",
  legalComments: "eof",
  charset: "utf8",
  sourcemap: false,
  write: false,
  outdir: "dist",
  logLevel: "warning",
});

const files = new Map();
for (const f of result.outputFiles) {
  const name = f.path.slice(join(here, "dist").length + 1).replace("app-style.css", "app.css");
  files.set(name, Buffer.from(f.contents));
}
files.set("index.html", readFileSync(join(here, "src/index.html")));

let stale = [];
for (const [name, body] of files) {
  const out = join(here, "dist", name);
  if (check) {
    if (!existsSync(out) || !readFileSync(out).equals(body)) stale.push(name);
  } else {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, body);
  }
}
if (stale.length) {
  console.error(`dashboard: dist/ is stale (${stale.join(", ")}); run: make dashboard (or cd dashboard && npm ci && node build.mjs) and commit dist/`);
  process.exit(1);
}
console.error(check ? "dashboard: dist/ is up to date" : `dashboard: wrote ${[...files.keys()].map((n) => "dist/" + n).join(", ")}`);
