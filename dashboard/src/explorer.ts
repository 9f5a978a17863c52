// Expansion bookkeeping over the graph adapter: which expansion brought in which node, so a
// collapse removes exactly what nothing else still needs.
import * as api from "./api";
import type { GraphView } from "./graphview";
import type { Entity, Fact } from "./model";

export interface Expansion {
  id: string;
  added: string[];
  truncated: boolean;
  limit: number;
}

export class Explorer {
  readonly expansions = new Map<string, Expansion>();
  readonly pinned = new Set<string>(); // brought in by the path finder or cross-track view

  constructor(readonly view: GraphView) {}

  isExpanded = (id: string) => this.expansions.has(id);
  expandedIds = () => [...this.expansions.keys()];
  truncatedIds = () => [...this.expansions.values()].filter((e) => e.truncated).map((e) => e.id);

  anchors(): Set<string> {
    return new Set([...this.expansions.keys(), ...this.pinned]);
  }

  async expand(id: string, limit: number): Promise<Expansion> {
    const known = this.expansions.get(id);
    if (known) return known;
    const sub = await api.neighborhood(id, limit);
    const added = this.view.merge(sub.nodes, sub.edges, id);
    const exp = { id, added: sub.nodes.map((n) => n.id).filter((n) => n !== id), truncated: sub.truncated, limit };
    // Nodes already on screen before this expansion are not its to remove.
    exp.added = exp.added.filter((n) => added.includes(n));
    this.expansions.set(id, exp);
    return exp;
  }

  collapse(id: string): void {
    const exp = this.expansions.get(id);
    if (!exp) return;
    this.expansions.delete(id);
    const keep = this.anchors();
    const stillOwned = new Set([...this.expansions.values()].flatMap((e) => e.added));
    this.view.remove(exp.added.filter((n) => !keep.has(n) && !stillOwned.has(n)));
  }

  reset(): void {
    this.expansions.clear();
    this.pinned.clear();
    this.view.clear();
  }

  // Nodes a live change brought in beside an expanded entity are that expansion's: its
  // collapse takes them back.
  adopt(id: string, nodes: string[]): void {
    this.expansions.get(id)?.added.push(...nodes);
  }

  // Entities and facts from an analysis (paths, cross-track) stay until the next reset.
  pin(nodes: Entity[], edges: Fact[]): void {
    for (const n of nodes) this.pinned.add(n.id);
    this.view.merge(nodes, edges, null);
  }

  // The neighbourhood query leaves retracted facts out; asked for, they come per expansion, and
  // the counterparts they bring belong to that expansion (a collapse takes them back).
  async withRetracted(): Promise<void> {
    for (const exp of this.expansions.values()) {
      const facts = await api.relationsOf(exp.id, ["RETRACTED"]);
      const ends = facts.flatMap((f) => [f.from, f.to]);
      exp.added.push(...this.view.merge(ends, facts, exp.id));
    }
  }
}
