// The live feed: the service's GraphQL subscriptions (docs/live.md) over one WebSocket, spoken
// by graphql-ws (the graphql-transport-ws protocol, which gqlgen serves on /graphql). This file
// owns the connection, which subscriptions are open, and resuming: every event carries a
// sequence number that only grows, and a subscription sent again after a drop asks for what
// came after the last one it saw (since). graphql-ws reconnects and re-sends each open
// subscription's payload by itself; the payload is read when sent, so keeping `since` up to
// date in it is what makes the re-sent subscription resume (graphql-ws's client.js, subscribe).
import { createClient, type Client } from "graphql-ws";
import type { ChangeEvent } from "./model";

export type LiveState = "connecting" | "live" | "reconnecting" | "offline";

// What one subscription asks for: its GraphQL field and arguments (since is added here).
export interface Watch {
  key: string; // stable id: "relations:person/x", "track:track/y", "entity:person/x"
  field: "relationChanged" | "trackActivity" | "entityChanged";
  args: Record<string, unknown>;
}

interface Open {
  watch: Watch;
  payload: { query: string; variables: Record<string, unknown> };
  dispose: () => void;
}

export interface LiveHandlers {
  onEvent(ev: ChangeEvent): void;
  onState(s: LiveState): void;
  // The service cannot replay what was missed (RELOAD_REQUIRED), or a subscription dropped
  // before it had a sequence to resume from: read the view again.
  onReload(reason: string): void;
  // Subscriptions that had no sequence to resume from when the connection came back: read
  // what they watch again.
  onCatchUp(keys: string[]): void;
  // A subscription the service refused (FORBIDDEN, NOT_FOUND, ...): not opened again until
  // the next reload.
  onError(key: string, code: string): void;
}

export const RELOAD_REQUIRED = "RELOAD_REQUIRED";
// Codes after which a subscription is sent again, from where it was, a moment later: it fell
// behind (the service dropped it), or the connection started too many at once.
const TRY_AGAIN = new Set(["SLOW_CONSUMER", "RATE_LIMITED"]);
const TRY_AGAIN_MS = 1000;
const CATCH_UP_AFTER_MS = 300;

const ARG_TYPES: Record<string, string> = { id: "ID!", track: "ID!", filter: "RelationChangeFilter" };

// The longest wait between two tries to reconnect: a service back from a restart is seen
// within a few seconds.
const MAX_RETRY_MS = 5000;

export class LiveFeed {
  private readonly client: Client;
  private readonly open = new Map<string, Open>();
  private readonly refused = new Set<string>();
  private wanted = new Map<string, Watch>();
  // Sequence numbers already applied: a fact between two watched entities comes once per
  // subscription. Bounded; older numbers than the window are below every since anyway.
  private readonly seen = new Set<number>();
  private seenOrder: number[] = [];
  lastSequence: number | null = null;
  private ackSequence: number | null = null;
  state: LiveState = "connecting";
  received = 0;
  reloads = 0; // RELOAD_REQUIRED answers: the view was read again

  constructor(url: string, private readonly selection: string, private readonly h: LiveHandlers) {
    this.client = createClient({
      url,
      lazy: false, // the indicator shows whether the service is reachable, watched or not
      retryAttempts: Infinity,
      shouldRetry: () => true,
      retryWait: (retries) => new Promise((r) => setTimeout(r, Math.min(MAX_RETRY_MS, 300 * 2 ** retries) * (0.5 + Math.random() / 2))),
      keepAlive: 15_000,
      on: {
        connecting: (retry) => this.setState(retry ? "reconnecting" : "connecting"),
        connected: (_s, ack, wasRetry) => {
          this.setState("live");
          // The service may say where its sequence stands (the ack's payload): a subscription
          // sent on this connection then resumes from there even if no event reaches it
          // before a drop. 'connected' comes before the subscriptions are (re)sent.
          const at = (ack as { sequence?: unknown } | undefined)?.sequence;
          if (typeof at === "number") this.ackSequence = at;
          const blind = [...this.open.values()].filter((o) => o.payload.variables.since == null);
          if (this.ackSequence != null) for (const o of blind) o.payload.variables.since = this.ackSequence;
          // Without it, one that had no sequence to resume from may have missed something:
          // what it watches is read again, once the subscriptions sent again on this
          // connection are likely registered (graphql-transport-ws acknowledges none).
          else if (wasRetry && blind.length) {
            const keys = blind.map((o) => o.watch.key);
            setTimeout(() => this.h.onCatchUp(keys), CATCH_UP_AFTER_MS);
          }
        },
        closed: () => this.state === "live" && this.setState("reconnecting"),
      },
      onNonLazyError: () => this.setState("offline"),
    });
  }

  private setState(s: LiveState) {
    this.state = s;
    this.h.onState(s);
  }

  keys = () => [...this.open.keys()].sort();

  // Opens the watches not yet open and closes those no longer wanted.
  sync(wanted: Watch[]): void {
    const want = (this.wanted = new Map(wanted.map((w) => [w.key, w])));
    for (const [key, o] of this.open) if (!want.has(key)) (o.dispose(), this.open.delete(key));
    for (const [key, w] of want) if (!this.open.has(key) && !this.refused.has(key)) this.subscribe(w);
  }

  // Every watch again from now (after a reload: the read that follows covers the past).
  restart(): void {
    this.lastSequence = null;
    this.ackSequence = null;
    for (const o of this.open.values()) o.dispose();
    this.open.clear();
    this.refused.clear();
    for (const w of this.wanted.values()) this.subscribe(w);
  }

  private subscribe(w: Watch, resume?: number | null): void {
    const params = Object.keys(w.args).map((a) => `$${a}: ${ARG_TYPES[a]}`);
    const args = Object.keys(w.args).map((a) => `${a}: $${a}`);
    const query = `subscription(${[...params, "$since: Int"].join(", ")}) { ${w.field}(${[...args, "since: $since"].join(", ")}) { ${this.selection} } }`;
    // Resume from the last number seen on this connection: what came after it and matches
    // this watch is sent first (an event applied already is skipped below).
    const known = [this.lastSequence, this.state === "live" ? this.ackSequence : null].filter((n): n is number => n != null);
    const payload = { query, variables: { ...w.args, since: resume ?? (known.length ? Math.max(...known) : null) } };
    const dispose = this.client.subscribe<Record<string, ChangeEvent>>(payload, {
      next: (res) => {
        const code = res.errors?.[0]?.extensions?.code;
        if (res.errors?.length) return this.failed(w, payload.variables.since, String(code ?? res.errors[0].message));
        const ev = res.data?.[w.field];
        if (!ev) return;
        payload.variables.since = Math.max(ev.sequence, Number(payload.variables.since ?? 0));
        this.lastSequence = Math.max(ev.sequence, this.lastSequence ?? 0);
        if (this.seen.has(ev.sequence)) return;
        this.remember(ev.sequence);
        this.received++;
        this.h.onEvent(ev);
      },
      error: (err) => {
        const errs = Array.isArray(err) ? (err as { message: string; extensions?: { code?: string } }[]) : [];
        this.failed(w, payload.variables.since, String(errs[0]?.extensions?.code ?? errs[0]?.message ?? (err as Error)?.message ?? "closed"));
      },
      complete: () => {},
    });
    this.open.set(w.key, { watch: w, payload, dispose });
  }

  private failed(w: Watch, since: number | null, code: string): void {
    this.open.get(w.key)?.dispose();
    this.open.delete(w.key);
    // Read again, then subscribe from now: the read covers what the log no longer holds.
    if (code === RELOAD_REQUIRED) return void (this.reloads++, this.h.onReload(RELOAD_REQUIRED));
    if (TRY_AGAIN.has(code)) {
      setTimeout(() => this.wanted.has(w.key) && !this.open.has(w.key) && this.subscribe(w, since), TRY_AGAIN_MS);
      return;
    }
    this.refused.add(w.key);
    this.h.onError(w.key, code);
  }

  private remember(seq: number): void {
    this.seen.add(seq);
    this.seenOrder.push(seq);
    if (this.seenOrder.length > 2000) for (const s of this.seenOrder.splice(0, 1000)) this.seen.delete(s);
  }
}

// ws:// or wss:// beside the page, at the GraphQL endpoint.
export function liveURL(base: string): string {
  const u = new URL("../graphql", base);
  u.protocol = u.protocol === "https:" ? "wss:" : "ws:";
  return u.toString();
}
