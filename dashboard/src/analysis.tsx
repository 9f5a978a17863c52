// The path finder and the cross-track view: each asks the API, hands the entities and facts
// to the graph to draw and highlight, and lists the evidence hop by hop or side by side.
import { useEffect, useState } from "preact/hooks";
import * as api from "./api";
import type { CrossLink, Entity, Path, Tie } from "./model";
import { SearchBox } from "./search-box";

export function PathFinder(props: { initial: [string, string] | null; onResult(pair: [string, string], paths: Path[]): void }) {
  const [from, setFrom] = useState<string | null>(props.initial?.[0] ?? null);
  const [to, setTo] = useState<string | null>(props.initial?.[1] ?? null);
  const [paths, setPaths] = useState<Path[] | null>(null);
  const [err, setErr] = useState("");
  const [restored, setRestored] = useState<[string, string] | null>(null); // names for a view from the URL
  const run = (a = from, b = to, fromURL = false) => {
    if (!a || !b) return;
    setErr("");
    api.paths(a, b).then((p) => {
      setPaths(p);
      const ends = p[0]?.nodes;
      if (fromURL && ends) setRestored([ends[0].name, ends[ends.length - 1].name]);
      props.onResult([a, b], p);
    }, (x) => setErr(x.message));
  };
  useEffect(() => { if (props.initial) run(props.initial[0], props.initial[1], true); }, []);
  return (
    <section class="tool" data-testid="path-finder" aria-label="Path finder">
      <h2>Path finder</h2>
      <SearchBox label="From entity" testId="path-from" key={`from-${restored?.[0]}`} initial={restored?.[0]} onPick={(e) => setFrom(e.id)} />
      <SearchBox label="To entity" testId="path-to" key={`to-${restored?.[1]}`} initial={restored?.[1]} onPick={(e) => setTo(e.id)} />
      <button type="button" onClick={() => run()} disabled={!from || !to} data-testid="run-paths">Find paths</button>
      {err && <p role="alert">{err}</p>}
      {paths && !paths.length && <p>No path within 4 hops.</p>}
      {paths?.map((p, i) => (
        <ol class="path" key={i} data-testid="path" aria-label={`Path ${i + 1}, ${p.length} hops`}>
          {p.hops.map((h, j) => {
            const name = (id: string) => p.nodes.find((n) => n.id === id)?.name ?? id;
            return (
              <li key={h.id} data-fact={h.id}>
                {j === 0 || <span class="sr-only">then </span>}
                <b>{name(h.from.id)}</b> <span class="rel">{h.type}</span> <b>{name(h.to.id)}</b>
                <blockquote>{h.quote}</blockquote>
              </li>
            );
          })}
        </ol>
      ))}
    </section>
  );
}

function Ties({ ties, side }: { ties: Tie[]; side: string }) {
  return (
    <ul class="ties" aria-label={`Evidence on the ${side} side`}>
      {ties.map((t, i) => (
        <li key={i}>
          {t.via && <span>via <b>{t.via.name}</b>: </span>}
          {t.relations.map((r) => <blockquote key={r.id} data-fact={r.id}><span class="rel">{r.type}</span> {r.quote}</blockquote>)}
        </li>
      ))}
    </ul>
  );
}

export function CrossTrack(props: { initial: [string, string] | null; onResult(pair: [string, string], sides: Entity[], links: CrossLink[]): void }) {
  const [options, setOptions] = useState<Entity[]>([]);
  const [a, setA] = useState(props.initial?.[0] ?? "");
  const [b, setB] = useState(props.initial?.[1] ?? "");
  const [links, setLinks] = useState<CrossLink[] | null>(null);
  const [err, setErr] = useState("");
  const run = (x = a, y = b, opts = options) => {
    if (!x || !y) return;
    setErr("");
    api.crossTrack(x, y).then(
      (l) => (setLinks(l), props.onResult([x, y], opts.filter((o) => o.id === x || o.id === y), l)),
      (e) => setErr(e.message),
    );
  };
  useEffect(() => {
    api.entitiesOfKinds(["TRACK", "CONFLICT"]).then((o) => {
      setOptions(o);
      if (props.initial) run(props.initial[0], props.initial[1], o);
    });
  }, []);
  const name = (id: string) => options.find((o) => o.id === id)?.name ?? id;
  const picker = (label: string, v: string, set: (v: string) => void, testId: string) => (
    <label>{label}{" "}
      <select value={v} onChange={(e) => set((e.target as HTMLSelectElement).value)} data-testid={testId}>
        <option value="">choose…</option>
        {options.map((o) => <option key={o.id} value={o.id}>{o.name} ({o.kind.toLowerCase()})</option>)}
      </select>
    </label>
  );
  return (
    <section class="tool" data-testid="cross-track" aria-label="Cross-track view">
      <h2>Cross-track</h2>
      {picker("Side A", a, setA, "cross-a")}
      {picker("Side B", b, setB, "cross-b")}
      <button type="button" onClick={() => run()} disabled={!a || !b || a === b} data-testid="run-cross">Who links them?</button>
      {err && <p role="alert">{err}</p>}
      {links && !links.length && <p>Nothing links them.</p>}
      <ol class="links">
        {links?.map((l) => (
          <li key={l.entity.id} data-testid="cross-link" data-id={l.entity.id}>
            <h3>{l.entity.name} <small>score {l.score.toFixed(2)}</small></h3>
            <div class="sides">
              <div><h4>{name(a)}</h4><Ties ties={l.tiesA} side={name(a)} /></div>
              <div><h4>{name(b)}</h4><Ties ties={l.tiesB} side={name(b)} /></div>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
