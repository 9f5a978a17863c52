// The view in the URL's query string, so a link restores it: what was opened and expanded,
// the selection, both clocks (asOf, knownAt), the filters and the tool in use.
import { type Filters, noFilters } from "./model";

export interface Selection {
  kind: "node" | "fact";
  id: string;
}

export interface ViewParams {
  root: string | null;
  expanded: string[]; // in the order they were expanded, the root first
  selected: Selection | null;
  asOf: string | null; // the day shown, or a window's last day
  since: string | null; // a window's first day (before asOf), or null for one day
  knownAt: string | null; // an instant, RFC 3339 in UTC (…Z), or null for now
  filters: Filters;
  limit: number;
  path: [string, string] | null;
  cross: [string, string] | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

// Any RFC 3339 instant, as UTC to the second: 2026-12-02T13:20:05Z.
export function normaliseInstant(v: string | null): string | null {
  if (!v || !INSTANT.test(v)) return null;
  const t = new Date(v);
  return Number.isNaN(t.getTime()) ? null : t.toISOString().replace(/\.\d+Z$/, "Z");
}
const list = (v: string | null) => (v ? v.split(",").filter(Boolean) : []);
const pair = (v: string | null): [string, string] | null => {
  const p = list(v);
  return p.length === 2 ? [p[0], p[1]] : null;
};

export const DEFAULT_LIMIT = 50;

// [since, asOf] from "2025-12-31" or "2025-12-01..2025-12-31"; a window given backwards is
// put the right way round, anything else is no day at all.
function readDays(v: string | null): [string | null, string | null] {
  const [a, b, ...rest] = (v ?? "").split("..");
  if (rest.length || !DAY.test(a)) return [null, null];
  if (b === undefined || b === a) return [null, a];
  if (!DAY.test(b)) return [null, null];
  return a < b ? [a, b] : [b, a];
}

export function readView(search: string): ViewParams {
  const q = new URLSearchParams(search);
  const sel = q.get("sel");
  const filters = noFilters();
  filters.types = list(q.get("types"));
  filters.kinds = list(q.get("kinds"));
  filters.statuses = list(q.get("status"));
  const conf = Number(q.get("minConf"));
  filters.minConfidence = Number.isFinite(conf) && conf >= 0 && conf <= 1 ? conf : 0;
  const limit = Number(q.get("limit"));
  // One day (asOf=2025-12-31) or a window (asOf=2025-12-01..2025-12-31).
  const [since, asOf] = readDays(q.get("asOf"));
  return {
    root: q.get("root"),
    expanded: list(q.get("exp")),
    selected: sel && /^(node|fact):/.test(sel) ? { kind: sel.startsWith("node:") ? "node" : "fact", id: sel.replace(/^\w+:/, "") } : null,
    asOf,
    since,
    knownAt: normaliseInstant(q.get("knownAt")),
    filters,
    limit: Number.isInteger(limit) && limit >= 1 && limit <= 500 ? limit : DEFAULT_LIMIT,
    path: pair(q.get("path")),
    cross: pair(q.get("cross")),
  };
}

export function writeView(v: ViewParams): string {
  const q = new URLSearchParams();
  const set = (k: string, val: string | null | undefined) => val && q.set(k, val);
  set("root", v.root);
  set("exp", v.expanded.join(","));
  set("sel", v.selected && `${v.selected.kind}:${v.selected.id}`);
  set("asOf", v.asOf && (v.since && v.since < v.asOf ? `${v.since}..${v.asOf}` : v.asOf));
  set("knownAt", v.knownAt);
  set("types", v.filters.types.join(","));
  set("kinds", v.filters.kinds.join(","));
  set("status", v.filters.statuses.join(","));
  if (v.filters.minConfidence > 0) q.set("minConf", String(v.filters.minConfidence));
  if (v.limit !== DEFAULT_LIMIT) q.set("limit", String(v.limit));
  set("path", v.path?.join(","));
  set("cross", v.cross?.join(","));
  const s = q.toString();
  return s ? "?" + s : "";
}
