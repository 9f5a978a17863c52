// Which subscriptions the view wants: relationChanged for loaded entities (expanded ones
// first, then the best connected; loaded rather than drawn, since what the time bar hides now
// may show again, and so that moving the time bar does not churn subscriptions),
// entityChanged for the selected entity and trackActivity for a selected track.
import type { GraphView } from "./graphview";
import type { Explorer } from "./explorer";
import type { Watch } from "./live";

// The service lets one connection hold 16 subscriptions (docs/live.md): the selected entity
// and track take two, the rest go to relationChanged. relationChanged's filter names one
// entity, so a fact between two neighbours neither of which is watched is not seen live.
export const MAX_SUBSCRIPTIONS = 16;

export function watches(view: GraphView, ex: Explorer, selected: { kind: string; id: string } | null): Watch[] {
  const out: Watch[] = [];
  if (selected?.kind === "node" && view.hasNode(selected.id)) {
    out.push({ key: `entity:${selected.id}`, field: "entityChanged", args: { id: selected.id } });
    if (view.entity(selected.id)?.kind === "TRACK") out.push({ key: `track:${selected.id}`, field: "trackActivity", args: { track: selected.id } });
  }
  const expanded = ex.expandedIds();
  const rest = view.graph.nodes().filter((id) => !ex.isExpanded(id))
    .sort((a, b) => view.graph.degree(b) - view.graph.degree(a) || (a < b ? -1 : 1));
  for (const id of [...expanded, ...rest].slice(0, MAX_SUBSCRIPTIONS - 2)) {
    out.push({ key: `relations:${id}`, field: "relationChanged", args: { filter: { entity: id } } });
  }
  return out;
}
