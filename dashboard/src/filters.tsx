// Filters on the facts drawn: relation types, statuses (retracted only on request), minimum
// confidence. Kinds are filtered from the legend.
import type { Filters } from "./model";
import { STATUSES } from "./model";

const RELATION_TYPES = [
  "HOLDS_ROLE", "LEADS", "MEMBER_OF", "INVITED_TO", "PARTY_TO", "CONTROLS", "CLAIMS", "ANNEXED", "BACKS", "PROPOSED",
  "ADDRESSES", "ESTABLISHED", "PARTICIPATED_IN", "PART_OF", "LOCATED_IN", "BASED_IN", "PRECEDES", "STATED", "MET_WITH", "CITES",
];

const toggle = (list: string[], v: string, all: readonly string[]) => {
  const base = list.length ? list : [...all];
  const next = base.includes(v) ? base.filter((x) => x !== v) : [...base, v];
  return next.length === all.length ? [] : next;
};

export function FiltersPanel({ filters, onChange }: { filters: Filters; onChange(f: Filters): void }) {
  const statusOn = (s: string) => (filters.statuses.length ? filters.statuses.includes(s) : s !== "RETRACTED");
  return (
    <section class="tool filters" aria-label="Filters" data-testid="filters">
      <h2>Filters</h2>
      <fieldset>
        <legend>Status</legend>
        {STATUSES.map((s) => (
          <label key={s}>
            <input type="checkbox" checked={statusOn(s)} data-status={s}
              onChange={() => {
                const cur = STATUSES.filter(statusOn);
                const next = cur.includes(s) ? cur.filter((x) => x !== s) : [...cur, s];
                const isDefault = next.length === 3 && !next.includes("RETRACTED");
                onChange({ ...filters, statuses: isDefault ? [] : next });
              }} /> {s.toLowerCase()}
          </label>
        ))}
      </fieldset>
      <label>Minimum confidence {filters.minConfidence.toFixed(2)}{" "}
        <input type="range" min="0" max="1" step="0.05" value={filters.minConfidence} data-testid="min-confidence"
          onInput={(e) => onChange({ ...filters, minConfidence: Number((e.target as HTMLInputElement).value) })} />
      </label>
      <fieldset class="types">
        <legend>Relation types</legend>
        {RELATION_TYPES.map((t) => (
          <label key={t}>
            <input type="checkbox" checked={!filters.types.length || filters.types.includes(t)} data-type={t}
              onChange={() => onChange({ ...filters, types: toggle(filters.types, t, RELATION_TYPES) })} /> {t.toLowerCase()}
          </label>
        ))}
      </fieldset>
    </section>
  );
}

export { toggle };
