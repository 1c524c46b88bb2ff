import { type Domain, LOCAL_ACTOR, STALE_UPLOAD_MS, collectGarbage } from "@gatehouse/domain";
import type { Logger } from "pino";

// Sweeping staging is one folder listing: cheap enough to run often, so a killed upload's bytes
// never wait a whole collection interval (which reads every stored file and file row).
const STAGING_SWEEP_MS = 60 * 60 * 1000;

/**
 * Cleans up after faults on a running server: the staging folder at start (what a killed
 * process left) and every hour, and a full collection every `intervalMs` (none when null). Runs
 * never overlap, a failed run is logged and retried at the next tick, and timers never keep the
 * process alive. Several nodes may each run it: collections take the same per-digest locks.
 *
 * @example
 * const stop = await scheduleGarbageCollection(domain, 24 * 3600_000, logger);
 */
export async function scheduleGarbageCollection(domain: Domain, intervalMs: number | null, logger: Logger): Promise<() => Promise<void>> {
  let running: Promise<void> = Promise.resolve();
  const run = (what: string, task: () => Promise<Record<string, unknown>>) => {
    running = running.then(async () => {
      try {
        const result = await task();
        logger.info({ ...result }, what);
      } catch (err) {
        logger.error({ err: err instanceof Error ? err.message : String(err) }, `${what} failed`);
      }
    });
    return running;
  };
  const sweep = () => run("staging swept", async () => ({ ...(await domain.blobs.cleanStaging({ staleAfterMs: STALE_UPLOAD_MS, dryRun: false, now: domain.now() })) }));
  await sweep();
  const timers = [setInterval(sweep, STAGING_SWEEP_MS)];
  if (intervalMs !== null) {
    timers.push(setInterval(() => run("garbage collected", async () => ({ ...(await collectGarbage(domain, LOCAL_ACTOR, {})) })), intervalMs));
  }
  for (const timer of timers) timer.unref();
  return async () => {
    for (const timer of timers) clearInterval(timer);
    await running;
  };
}
