import type { DomainContext } from "../context.js";
import { probeDatabase } from "./database-ready.js";

/** One dependency's answer: ok, or why not (an error code or name, never a secret). */
export type DependencyCheck = { ok: true } | { ok: false; reason: string };

/** Whether the node can serve: its database and its object store answer. */
export interface Readiness {
  database: DependencyCheck;
  store: DependencyCheck;
}

// A name no upload can have (sha256 of nothing is e3b0…): a HEAD for it answers "absent".
const PROBE_SHA256 = "0".repeat(64);
const DEFAULT_TIMEOUT_MS = 2_000;

function reasonOf(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return typeof code === "string" ? code : err.name === "Error" ? err.message.slice(0, 120) : err.name;
  }
  return String(err);
}

async function checkWithin(timeoutMs: number, probe: () => Promise<unknown>): Promise<DependencyCheck> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<DependencyCheck>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: `no answer within ${timeoutMs} ms` }), timeoutMs);
  });
  try {
    return await Promise.race([
      probe().then(
        (): DependencyCheck => ({ ok: true }),
        (err: unknown): DependencyCheck => ({ ok: false, reason: reasonOf(err) }),
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Asks the database for a row and the object store for an object (a HEAD that answers "absent"),
 * at the same time, each bounded by `timeoutMs`: a node whose store or database is down or hung
 * reports it instead of hanging its readiness probe.
 *
 * @example
 * const r = await checkReadiness(domain);
 * if (!r.database.ok) console.log(r.database.reason);
 */
export async function checkReadiness(ctx: DomainContext, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Readiness> {
  const [database, store] = await Promise.all([
    checkWithin(timeoutMs, () => probeDatabase(ctx)),
    checkWithin(timeoutMs, () => ctx.blobs.stat(PROBE_SHA256)),
  ]);
  return { database, store };
}
