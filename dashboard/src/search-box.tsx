// A text box with suggestions from the fuzzy search query; arrow keys and Enter pick one.
import { useEffect, useRef, useState } from "preact/hooks";
import * as api from "./api";
import { type Entity, KIND_COLOURS } from "./model";

interface Props {
  label: string;
  placeholder?: string;
  testId: string;
  initial?: string; // the name shown before anything is typed (a view restored from the URL)
  onPick(e: Entity): void;
}

export function SearchBox({ label, placeholder, testId, initial = "", onPick }: Props) {
  const [text, setText] = useState(initial);
  const [hits, setHits] = useState<Entity[]>([]);
  const [active, setActive] = useState(0);
  const seq = useRef(0);
  const picked = useRef(initial); // the name just picked: no suggestions for it

  useEffect(() => {
    const t = text.trim();
    if (t.length < 2 || text === picked.current) return setHits([]);
    const n = ++seq.current;
    const timer = setTimeout(() => {
      api.search(t).then((h) => n === seq.current && (setHits(h.map((x) => x.entity)), setActive(0)), () => setHits([]));
    }, 150);
    return () => clearTimeout(timer);
  }, [text]);

  const pick = (e: Entity) => {
    picked.current = e.name;
    seq.current++;
    setText(e.name);
    setHits([]);
    onPick(e);
  };
  const listId = `${testId}-list`;
  return (
    <div class="search" data-testid={testId}>
      <label>
        <span class="sr-only">{label}</span>
        <input
          type="search" value={text} placeholder={placeholder ?? label} aria-label={label}
          aria-expanded={hits.length > 0} aria-controls={listId} aria-autocomplete="list"
          onBlur={() => setHits([])}
          onInput={(e) => setText((e.target as HTMLInputElement).value)}
          onKeyDown={(e) => {
            if (e.key === "ArrowDown") setActive((a) => Math.min(a + 1, hits.length - 1));
            else if (e.key === "ArrowUp") setActive((a) => Math.max(a - 1, 0));
            else if (e.key === "Enter" && hits[active]) pick(hits[active]);
            else if (e.key === "Escape") setHits([]);
            else return;
            e.preventDefault();
          }}
        />
      </label>
      {hits.length > 0 && (
        <ul class="suggestions" id={listId} role="listbox">
          {hits.map((h, i) => (
            <li key={h.id} role="option" aria-selected={i === active} class={i === active ? "active" : ""}
              data-id={h.id} onMouseDown={(ev) => (ev.preventDefault(), pick(h))}>
              <span class="dot" style={{ background: KIND_COLOURS[h.kind] }} />
              {h.name} <small>{h.kind.toLowerCase()}</small>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
