// The drawing as text, for screen readers and keyboards: every visible node and fact, each a
// button that selects it.
import type { GraphView } from "./graphview";
import { type Span, formatSpan, isInferred } from "./model";

// What the ring says on the canvas: an event not held on the day shown.
const notHeldWord = (v: GraphView, id: string) => {
  const look = v.nodeStyle(id);
  return look?.type === "ring" ? `, ${look.status!.toLowerCase()}` : "";
};

export function TextList(props: { nodes: string[]; edges: string[]; view?: GraphView; span: Span | null; onNode(id: string): void; onFact(id: string): void }) {
  const v = props.view;
  if (!v) return null;
  const name = (id: string) => v.entity(id)?.name ?? id;
  return (
    <details class="text-list" data-testid="text-list">
      <summary>Text view, {formatSpan(props.span)}: {props.nodes.length} entities, {props.edges.length} facts</summary>
      <div class="cols">
        <ul aria-label="Visible entities">
          {props.nodes.filter(v.hasNode).map((id) => (
            <li key={id}><button type="button" class="link" onClick={() => props.onNode(id)} data-node={id}>
              {name(id)}</button> <small>{v.entity(id)?.kind.toLowerCase()}{notHeldWord(v, id)}</small></li>
          ))}
        </ul>
        <ul aria-label="Visible facts">
          {props.edges.map((id) => {
            const f = v.fact(id);
            if (!f) return null; // dropped by a collapse since the list was made
            return (
              <li key={id}><button type="button" class="link" onClick={() => props.onFact(id)} data-edge={id}>
                {name(f.from.id)} {f.type.toLowerCase().replace(/_/g, " ")} {name(f.to.id)}</button>{" "}
                <small>{f.status.toLowerCase()}{isInferred(f) ? ", inferred" : ""}, {f.confidence}</small></li>
            );
          })}
        </ul>
      </div>
    </details>
  );
}
