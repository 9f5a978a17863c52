// The dashboard's only door to the service: POSTs to the public GraphQL endpoint. Each query
// asks for what the views draw and no more, so neighborhood keeps its fast path (no sources).
import type { Entity, Fact, SearchHit, Path, CrossLink, Source } from "./model";

const endpoint = new URL("../graphql", document.baseURI).pathname;

export class ApiError extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
  }
}

export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(endpoint, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json().catch(() => null);
  if (body?.errors?.length) {
    const e = body.errors[0];
    throw new ApiError(e.message, e.extensions?.code);
  }
  if (!res.ok || !body?.data) throw new ApiError(`HTTP ${res.status}`);
  return body.data as T;
}

const DATE = "value precision bounded start end";
// An event's status history comes whole: its status on the day shown is read from it in the
// browser, as asOf is.
const ENTITY = `id kind name aliases description ... on Event { date { ${DATE} }
  statusHistory { status since { ${DATE} } sources quote } }`;
// basis draws inferred facts apart; neighborhood's fast paths read it (docs/benchmarks.md).
const FACT = `id type role confidence status basis from { id } to { id }
  validFrom { ${DATE} } validTo { ${DATE} }`;

// What a live change carries (live.ts subscribes with it): the fact with both ends whole, so
// a counterpart it brings can be drawn, or the entity as it now reads.
export const CHANGE = `sequence kind by at fields mergedFrom entity { ${ENTITY} }
  relation { ${FACT} from { ${ENTITY} } to { ${ENTITY} } } import { origin entities relations }`;

// The record-time clock: every read that takes asOf is made as the graph stood at this
// instant (RFC 3339), or now when null. asOf itself is applied in the browser (model.ts).
let knownAt: string | null = null;
export const setKnownAt = (k: string | null) => void (knownAt = k);
const EVIDENCE = `quote evidence { quote source { id name ... on Source { title author publisher url hasText published { value } } } }`;

export async function search(text: string): Promise<SearchHit[]> {
  const d = await gql<{ search: SearchHit[] }>(
    `query($t: String!) { search(text: $t, first: 8) { score entity { id kind name aliases } } }`,
    { t: text },
  );
  return d.search;
}

export interface Subgraph {
  nodes: Entity[];
  edges: Fact[];
  truncated: boolean;
}

export async function neighborhood(id: string, limit: number): Promise<Subgraph> {
  const d = await gql<{ neighborhood: Subgraph }>(
    `query($id: ID!, $limit: Int, $k: Time) { neighborhood(id: $id, limit: $limit, knownAt: $k) {
      truncated nodes { ${ENTITY} } edges { ${FACT} } } }`,
    { id, limit, k: knownAt },
  );
  return d.neighborhood;
}

// Retracted facts are left out of neighborhood; the panel asks for them when they are wanted.
// Each fact's ends come whole: one reached only through a retracted fact is not on screen yet.
export async function relationsOf(id: string, statuses: string[]): Promise<(Fact & { from: Entity; to: Entity })[]> {
  const d = await gql<{ entity: { relations: (Fact & { from: Entity; to: Entity })[] } }>(
    `query($id: ID!, $s: [Status!], $k: Time) { entity(id: $id) { relations(statuses: $s, knownAt: $k) { ${FACT}
      from { ${ENTITY} } to { ${ENTITY} } } } }`,
    { id, s: statuses, k: knownAt },
  );
  return d.entity.relations;
}

// After a reconnection, what the live feed could not replay: each entity as it reads now, with
// every fact at it, retracted ones too (so a retraction made meanwhile is seen), in one request
// (the nested relations load in one batch).
export async function catchUp(ids: string[]): Promise<{ entity: Entity; relations: (Fact & { from: Entity; to: Entity })[] }[]> {
  if (!ids.length) return [];
  const vars = ids.map((_, i) => `$i${i}: ID!`).join(", ");
  const each = ids.map((_, i) => `e${i}: entity(id: $i${i}) { ${ENTITY} relations(statuses: $s) { ${FACT} from { ${ENTITY} } to { ${ENTITY} } } }`).join("\n");
  const d = await gql<Record<string, Entity & { relations: (Fact & { from: Entity; to: Entity })[] }>>(
    `query(${vars}, $s: [Status!]) { ${each} }`,
    { ...Object.fromEntries(ids.map((id, i) => [`i${i}`, id])), s: ["ASSERTED", "REPORTED", "DISPUTED", "RETRACTED"] },
  );
  return ids.map((_, i) => d[`e${i}`]).filter(Boolean).map(({ relations, ...entity }) => ({ entity, relations }));
}

export async function entityDetail(id: string): Promise<Entity> {
  const d = await gql<{ entity: Entity }>(
    `query($id: ID!) { entity(id: $id) { ${ENTITY} externalIds { system id }
      ... on Source { title author publisher url hasText published { value } } } }`,
    { id },
  );
  return d.entity;
}

// The fact as the graph held it at knownAt (null: now): its status then, and no retraction
// made after it. The panel passes the instant it was drawn at, so the two always agree.
export async function factDetail(id: string, at: string | null): Promise<Fact> {
  const d = await gql<{ relation: Fact }>(
    `query($id: ID!, $k: Time) { relation(id: $id, knownAt: $k) { ${FACT} basis basisNote from { id name } to { id name } ${EVIDENCE}
      retraction { by at reason previousStatus } } }`,
    { id, k: at },
  );
  return d.relation;
}

export async function paths(from: string, to: string): Promise<Path[]> {
  const d = await gql<{ paths: Path[] }>(
    `query($a: ID!, $b: ID!, $k: Time) { paths(from: $a, to: $b, maxHops: 4, first: 5, knownAt: $k) {
      length nodes { ${ENTITY} } hops { ${FACT} ${EVIDENCE} } } }`,
    { a: from, b: to, k: knownAt },
  );
  return d.paths;
}

export async function crossTrack(a: string, b: string): Promise<CrossLink[]> {
  const tie = `via { ${ENTITY} } relations { ${FACT} quote }`;
  const d = await gql<{ crossTrack: CrossLink[] }>(
    `query($a: ID!, $b: ID!, $k: Time) { crossTrack(a: $a, b: $b, first: 20, knownAt: $k) {
      score entity { ${ENTITY} } tiesA { ${tie} } tiesB { ${tie} } } }`,
    { a, b, k: knownAt },
  );
  return d.crossTrack;
}

// Tracks and conflicts for the cross-track pickers; events for the time bar's histogram.
export async function entitiesOfKinds(kinds: string[], first = 100): Promise<Entity[]> {
  const d = await gql<{ entities: { nodes: Entity[] } }>(
    `query($kinds: [EntityKind!], $n: Int, $k: Time) { entities(filter: { kinds: $kinds }, first: $n, sort: NAME, knownAt: $k) { nodes { ${ENTITY} } } }`,
    { kinds, n: first, k: knownAt },
  );
  return d.entities.nodes;
}

// The schema may or may not expose a source's stored text (Source.text); ask once.
let sourceTextField: Promise<boolean> | undefined;
export function hasSourceTextField(): Promise<boolean> {
  sourceTextField ??= gql<{ __type: { fields: { name: string }[] } | null }>(
    `{ __type(name: "Source") { fields { name } } }`,
  ).then((d) => !!d.__type?.fields.some((f) => f.name === "text"), () => false);
  return sourceTextField;
}

export async function sourceText(id: string): Promise<Source> {
  const withText = await hasSourceTextField();
  const d = await gql<{ entity: Source }>(
    `query($id: ID!) { entity(id: $id) { id name ... on Source { title author publisher url hasText
      published { value } ${withText ? "text" : ""} } } }`,
    { id },
  );
  return d.entity;
}
