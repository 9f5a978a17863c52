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
        <span class="ring" /> event scheduled, postponed or rescheduled on the day shown <span class="ring cancelled" /> cancelled (filled: held)
      </p>
      <p class="edge-key">
        <span class="solid" /> asserted <span class="dashed" /> reported or disputed <span class="faded" /> over by the day shown <span class="disputed" /> disputed <span class="retracted" /> retracted (when asked for)
      </p>
    </section>
  );
}
