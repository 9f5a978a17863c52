// Where a node brought in by a live change goes, without a layout (which would move every
// other node): beside the entity it joins, at the distance of that entity's neighbours, in the
// direction with the most room.
import type Graph from "graphology";

// The mean distance from a node to its neighbours (1 when it has none).
export function neighbourDistance(graph: Graph, id: string): number {
  if (!graph.hasNode(id)) return 1;
  const { x, y } = graph.getNodeAttributes(id) as { x: number; y: number };
  const ds = graph.neighbors(id).map((n) => Math.hypot(graph.getNodeAttribute(n, "x") - x, graph.getNodeAttribute(n, "y") - y));
  return ds.length ? ds.reduce((a, b) => a + b, 0) / ds.length : 1;
}

// Of 16 directions from o (the first at start), the one whose point at distance r is farthest
// from every node, so that the new node does not land on another.
export function freeAngle(graph: Graph, o: { x: number; y: number }, r: number, start: number): number {
  let best = start, room = -1;
  for (let i = 0; i < 16; i++) {
    const a = start + (i * Math.PI) / 8;
    const x = o.x + r * Math.cos(a), y = o.y + r * Math.sin(a);
    let near = Infinity;
    graph.forEachNode((_, n) => void (near = Math.min(near, Math.hypot(n.x - x, n.y - y))));
    if (near > room) (room = near), (best = a);
  }
  return best;
}
