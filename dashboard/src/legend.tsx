// The kind colours, the event rings and the edge styles, doubling as the kind filter: a click hides or shows a kind.
import { KINDS, KIND_COLOURS } from "./model";

export function Legend({ kinds, onToggle }: { kinds: string[]; onToggle(kind: string): void }) {
  return (
    <section class="legend" aria-label="Legend and kind filter">
      <ul>
        {KINDS.map((k) => {
          const on = !kinds.length || kinds.includes(k);
          return (
            <li key={k}>
              <button type="button" aria-pressed={on} class={on ? "" : "off"} onClick={() => onToggle(k)} data-kind={k}>
                <span class="dot" style={{ background: KIND_COLOURS[k] }} />
                {k.toLowerCase()}
              </button>
            </li>
          );
        })}
      </ul>
      <p class="node-key">
        <span class="disc" /> event held (or no status given) <span class="ring" /> not held on the day shown: scheduled, postponed or rescheduled <span class="ring cancelled" /> cancelled
      </p>
      <p class="edge-key">
        <span class="solid" /> asserted <span class="dashed" /> reported or disputed <span class="inferred" data-testid="legend-inferred" /> inferred by a curator (thin, light) <span class="faded" /> over by the day shown <span class="disputed" /> disputed <span class="retracted" /> retracted (when asked for)
      </p>
    </section>
  );
}
