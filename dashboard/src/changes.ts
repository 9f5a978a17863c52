// A live change applied to what is loaded: the fact or entity as it now reads is merged into
// the graph (nothing is laid out again), and what it touched is marked to flash. Whether it
// is then drawn is decided by the same rule as every other fact (GraphView.apply over
// model.ts's factReaches and factShown): a fact that does not hold on the day shown is
// loaded, listed, and not drawn.
import type { GraphView } from "./graphview";
import type { Explorer } from "./explorer";
import type { FlashKind } from "./flash";
import type { ChangeEvent, ChangeKind, Entity, Fact } from "./model";

// One line of the panel's live list.
export interface LiveEntry {
  sequence: number;
  kind: ChangeKind;
  by: string;
  at: string;
  fact: string | null; // the fact's id, for a change of a fact
  entity: string | null; // the entity's id, for a change of an entity
  text: string; // "MET_WITH Steve Witkoff → Vladimir Putin"
  applied: boolean; // merged into what is loaded
  note: string; // why it was not applied ("" when it was)
}

export interface Applied {
  entry: LiveEntry;
  marks: { id: string; kind: FlashKind }[];
  reload: boolean; // a merge or an import: what is loaded is read again
}

const markOf = (k: ChangeKind): FlashKind => (k === "CREATED" ? "added" : k === "RETRACTED" ? "retracted" : "changed");

export function applyChange(ev: ChangeEvent, view: GraphView, ex: Explorer, knownAt: string | null): Applied {
  const entry: LiveEntry = { sequence: ev.sequence, kind: ev.kind, by: ev.by, at: ev.at, fact: null, entity: null, text: "", applied: false, note: "" };
  const out: Applied = { entry, marks: [], reload: false };
  const name = (id: string, fallback?: string) => view.entity(id)?.name ?? fallback ?? id;
  const f = ev.relation;
  if (f) {
    entry.fact = f.id;
    entry.text = `${f.type} ${name(f.from.id, f.from.name)} → ${name(f.to.id, f.to.name)}`;
  } else if (ev.entity) {
    entry.entity = ev.entity.id;
    entry.text = ev.kind === "MERGED" && ev.mergedFrom ? `${ev.mergedFrom} merged into ${ev.entity.name}` : ev.entity.name;
  } else if (ev.import) {
    entry.text = `${ev.import.origin}: ${ev.import.entities} entities, ${ev.import.relations} facts`;
  }
  // The service could not read what changed when it published (docs/live.md): say so.
  if (!f && !ev.entity && !ev.import) return (entry.text = ev.kind.toLowerCase(), (entry.note = "sent without what changed"), out);
  // The record clock set to an instant: the graph as it was held then does not change.
  if (knownAt) return (entry.note = "the view is read as known at an earlier instant", out);

  if (ev.kind === "MERGED" || ev.kind === "IMPORTED") {
    const touches = ev.kind === "IMPORTED" || [ev.entity?.id, ev.mergedFrom].some((id) => id && view.hasNode(id));
    if (!touches) return (entry.note = "outside the view", out);
    entry.applied = out.reload = true;
    return out;
  }

  if (f) {
    const added = mergeFact(f, view, ex);
    if (!added) return (entry.note = "outside the view", out);
    entry.applied = true;
    out.marks.push({ id: f.id, kind: markOf(ev.kind) }, ...added.map((id) => ({ id, kind: "added" as const })));
    return out;
  }

  if (ev.entity) {
    if (!view.hasNode(ev.entity.id)) return (entry.note = "outside the view", out);
    view.merge([ev.entity], [], null, false);
    entry.applied = true;
    out.marks.push({ id: ev.entity.id, kind: "changed" });
  }
  return out;
}

// A fact as it now reads into what is loaded, as the neighbourhood reaches: a new counterpart
// comes only with an expanded end (and is that expansion's to take back). Returns the nodes
// added, or null when the fact is outside the view.
export function mergeFact(f: Fact & { from: Entity; to: Entity }, view: GraphView, ex: Explorer): string[] | null {
  const ends = [f.from, f.to];
  const loaded = ends.filter((e) => view.hasNode(e.id));
  const anchor = loaded.find((e) => ex.isExpanded(e.id));
  if (!view.graph.hasEdge(f.id) && (loaded.length === 0 || (loaded.length === 1 && !anchor))) return null;
  // A retracted fact not loaded stays out (retracted facts come only when asked for).
  if (!view.graph.hasEdge(f.id) && f.status === "RETRACTED") return null;
  const added = view.merge(loaded.length === 2 ? [] : ends, [f], anchor?.id ?? null, false);
  if (anchor) ex.adopt(anchor.id, added);
  return added;
}

// After a reconnection that could not resume (a subscription had no sequence yet), the
// entities it watched as they read now: merged without flashing, since what changed is not
// known.
export function catchUp(read: { entity: Entity; relations: (Fact & { from: Entity; to: Entity })[] }[], view: GraphView, ex: Explorer): void {
  for (const { entity, relations } of read) {
    if (view.hasNode(entity.id)) view.merge([entity], [], null, false);
    for (const f of relations) mergeFact(f, view, ex);
  }
}
