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

const DATE = "value precision start end";
const ENTITY = `id kind name aliases description ... on Event { date { ${DATE} } }`;
const FACT = `id type role confidence status from { id } to { id }
  validFrom { ${DATE} } validTo { ${DATE} }`;
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
    `query($id: ID!, $limit: Int) { neighborhood(id: $id, limit: $limit) {
      truncated nodes { ${ENTITY} } edges { ${FACT} } } }`,
    { id, limit },
  );
  return d.neighborhood;
}

// Retracted facts are left out of neighborhood; the panel asks for them when they are wanted.
// Each fact's ends come whole: one reached only through a retracted fact is not on screen yet.
export async function relationsOf(id: string, statuses: string[]): Promise<(Fact & { from: Entity; to: Entity })[]> {
  const d = await gql<{ entity: { relations: (Fact & { from: Entity; to: Entity })[] } }>(
    `query($id: ID!, $s: [Status!]) { entity(id: $id) { relations(statuses: $s) { ${FACT}
      from { ${ENTITY} } to { ${ENTITY} } } } }`,
    { id, s: statuses },
  );
  return d.entity.relations;
}

export async function entityDetail(id: string): Promise<Entity> {
  const d = await gql<{ entity: Entity }>(
    `query($id: ID!) { entity(id: $id) { ${ENTITY} externalIds { system id }
      ... on Source { title author publisher url hasText published { value } } } }`,
    { id },
  );
  return d.entity;
}

export async function factDetail(id: string): Promise<Fact> {
  const d = await gql<{ relation: Fact }>(
    `query($id: ID!) { relation(id: $id) { ${FACT} from { id name } to { id name } ${EVIDENCE}
      retraction { by at reason } } }`,
    { id },
  );
  return d.relation;
}

export async function paths(from: string, to: string): Promise<Path[]> {
  const d = await gql<{ paths: Path[] }>(
    `query($a: ID!, $b: ID!) { paths(from: $a, to: $b, maxHops: 4, first: 5) {
      length nodes { ${ENTITY} } hops { ${FACT} ${EVIDENCE} } } }`,
    { a: from, b: to },
  );
  return d.paths;
}

export async function crossTrack(a: string, b: string): Promise<CrossLink[]> {
  const tie = `via { ${ENTITY} } relations { ${FACT} quote }`;
  const d = await gql<{ crossTrack: CrossLink[] }>(
    `query($a: ID!, $b: ID!) { crossTrack(a: $a, b: $b, first: 20) {
      score entity { ${ENTITY} } tiesA { ${tie} } tiesB { ${tie} } } }`,
    { a, b },
  );
  return d.crossTrack;
}

// Tracks and conflicts for the cross-track pickers; events for the time bar's histogram.
export async function entitiesOfKinds(kinds: string[], first = 100): Promise<Entity[]> {
  const d = await gql<{ entities: { nodes: Entity[] } }>(
    `query($k: [EntityKind!], $n: Int) { entities(filter: { kinds: $k }, first: $n, sort: NAME) { nodes { ${ENTITY} } } }`,
    { k: kinds, n: first },
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
