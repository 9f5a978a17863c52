// "Export view": the entities drawn, with the facts among them as of the view's clocks and
// filters, as a file from the service (GET /export/{format}, docs/exports.md), so what an
// analyst sees opens in Gephi, Cytoscape, networkx or a spreadsheet. The file is fetched and
// handed to the browser as a download, with the name the service gives it.
import { useState } from "preact/hooks";
import type { Filters } from "./model";

export const FORMATS = [
  { id: "gexf", label: "GEXF 1.3 (Gephi)" },
  { id: "graphml", label: "GraphML" },
  { id: "cytoscape", label: "Cytoscape.js JSON" },
  { id: "nodelink", label: "networkx node-link JSON" },
  { id: "csv", label: "CSV (zip)" },
] as const;

export interface ExportScope {
  nodeIds: string[];
  asOf: string | null;
  knownAt: string | null;
  filters: Filters;
}

// The export's URL for the view: scope=entities with the visible ids and the view's clocks and
// filters. The kinds are already applied to the ids; the relation types and the minimum
// confidence narrow the facts among them.
export function exportURL(format: string, s: ExportScope, base = document.baseURI): string {
  const q = new URLSearchParams({ scope: "entities", ids: s.nodeIds.join(",") });
  if (s.asOf) q.set("asOf", s.asOf);
  if (s.knownAt) q.set("knownAt", s.knownAt);
  if (s.filters.types.length) q.set("types", s.filters.types.join(","));
  if (s.filters.minConfidence > 0) q.set("minConfidence", String(s.filters.minConfidence));
  return `${new URL(`../export/${format}`, base).pathname}?${q}`;
}

const fileName = (disposition: string | null, format: string) =>
  /filename="([^"]+)"/.exec(disposition ?? "")?.[1] ?? `diplograph-view.${format}`;

export function ExportView({ scope, onError }: { scope: ExportScope; onError(message: string): void }) {
  const [format, setFormat] = useState<string>("gexf");
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const res = await fetch(exportURL(format, scope));
      if (!res.ok) {
        const body = await res.json().catch(() => null);
        throw new Error(body?.errors?.[0]?.message ?? `HTTP ${res.status}`);
      }
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement("a");
      a.href = url;
      a.download = fileName(res.headers.get("Content-Disposition"), format);
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (e) {
      onError(`Export failed: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span class="export-view" data-testid="export-view">
      <select aria-label="Export format" value={format} data-testid="export-format"
        onChange={(e) => setFormat((e.target as HTMLSelectElement).value)}>
        {FORMATS.map((f) => <option key={f.id} value={f.id}>{f.label}</option>)}
      </select>
      <button type="button" onClick={run} disabled={busy || scope.nodeIds.length === 0} data-testid="export-button"
        title="The entities drawn and the facts among them, as of the view's clocks and filters">
        {busy ? "Exporting…" : "Export view"}
      </button>
    </span>
  );
}
