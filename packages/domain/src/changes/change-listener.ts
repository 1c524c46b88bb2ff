import pg from "pg";
import { CHANGES_CHANNEL } from "./change-bus.js";

/** How the listening connection names itself in `pg_stat_activity` (operators and tests find it by it). */
export const LISTENER_APPLICATION_NAME = "gatehouse-changes";

/** What the listener reports. */
export interface ChangeListenerEvents {
  /** A change was committed by some process (its payload is not needed: the reader reads the table). */
  onNotify(): void;
  /** LISTEN is in place, at first and after every reconnect: changes made while disconnected must be read now. */
  onListening(): void;
  /** The connection failed or dropped (a reconnect follows); `reason` is the error's code or message. */
  onDropped?(reason: string): void;
}

/** Reconnect delays: doubling from the first to the last. */
export interface ListenerBackoff {
  minMs: number;
  maxMs: number;
}

const DEFAULT_BACKOFF: ListenerBackoff = { minMs: 100, maxMs: 5_000 };

function reasonOf(err: unknown): string {
  if (err === undefined) return "the connection ended";
  const code = (err as { code?: unknown }).code;
  if (typeof code === "string") return `${code}${err instanceof Error ? `: ${err.message}` : ""}`;
  return err instanceof Error ? err.message : String(err);
}

/**
 * Holds one dedicated connection (not from the pool: a pooled connection is handed to other
 * queries and its LISTEN would be lost) that LISTENs on the changes channel. A dropped
 * connection — a restarted or failed-over server, a terminated backend, a network cut — is
 * reopened with backoff, and `onListening` fires again so the caller catches up. Returns the
 * stop function.
 *
 * @example
 * const stop = listenForChanges(url, { onNotify: () => void reader.read(), onListening: () => void reader.read() });
 */
export function listenForChanges(url: string, events: ChangeListenerEvents, backoff: ListenerBackoff = DEFAULT_BACKOFF): () => Promise<void> {
  let stopped = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | undefined;
  let delay = backoff.minMs;

  const scheduleReconnect = () => {
    if (stopped) return;
    retry = setTimeout(() => void open(), delay);
    retry.unref();
    delay = Math.min(delay * 2, backoff.maxMs);
  };

  const open = async () => {
    if (stopped) return;
    const c = new pg.Client({ connectionString: url, application_name: LISTENER_APPLICATION_NAME, keepAlive: true, keepAliveInitialDelayMillis: 10_000 });
    client = c;
    let dropped = false;
    const drop = (err?: unknown) => {
      if (dropped) return;
      dropped = true;
      if (client === c) client = null;
      c.end().catch(() => undefined);
      if (!stopped) events.onDropped?.(reasonOf(err));
      scheduleReconnect();
    };
    // Without an 'error' handler a terminated connection would crash the process.
    c.on("error", drop);
    c.on("end", () => drop());
    c.on("notification", (n) => {
      if (n.channel === CHANGES_CHANNEL) events.onNotify();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANGES_CHANNEL}`);
    } catch (err) {
      drop(err);
      return;
    }
    if (dropped || stopped) return;
    delay = backoff.minMs;
    events.onListening();
  };

  void open();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    const c = client;
    client = null;
    if (c) {
      c.removeAllListeners("end");
      await c.end().catch(() => undefined);
    }
  };
}
