import type { ClientConfigPlan, ClientConfigRequest } from "./client-config-types.js";
import { FileLockTimeoutError, type FileLockOptions, withFileLocks } from "./file-locks.js";
import { planClientConfig } from "./plan-client-config.js";
import { readFileOrNull } from "./plan-files.js";
import { fail, type Result } from "./result.js";
import { writeFileAtomic } from "./write-file-atomic.js";

/**
 * Writes every change of a plan, each atomically: netrc and secret files with mode 0600,
 * other files keeping their mode (0644 when new). Takes no lock: use `planAndApplyClientConfig`
 * when another process may edit the same files.
 * @example
 * const plan = planClientConfig(request);
 * if (plan.ok) await applyClientConfig(plan.value);
 */
export async function applyClientConfig(plan: ClientConfigPlan): Promise<void> {
  for (const change of plan.changes) {
    const private_ = change.secret || change.client === "netrc";
    await writeFileAtomic(change.path, change.after, {
      mode: private_ ? 0o600 : change.mode,
      keepExistingMode: !private_,
    });
  }
}

function pathsOf(plan: ClientConfigPlan): string[] {
  return [...plan.changes.map((c) => c.path), ...plan.unchanged];
}

/**
 * Plans and writes under a lock on every file the plan reads and writes, so concurrent runs
 * (eight `client-config` for eight hosts) each add their entry to the one netrc instead of
 * overwriting each other's. Which files a plan touches can depend on what exists, so the plan is
 * redone under the locks until it touches no file outside them. Returns the plan that was written.
 * @example
 * const plan = await planAndApplyClientConfig(request);
 * if (!plan.ok) throw new Error(plan.error.message);
 */
export async function planAndApplyClientConfig(
  req: ClientConfigRequest,
  options: FileLockOptions = {},
  readFile: (path: string) => string | null = readFileOrNull,
): Promise<Result<ClientConfigPlan>> {
  let wanted = planClientConfig(req, readFile);
  // Grows each round, so the rounds end: at most once per file a plan can touch.
  const locked = new Set<string>();
  for (;;) {
    if (!wanted.ok) return wanted;
    for (const path of pathsOf(wanted.value)) locked.add(path);
    let outcome: Result<ClientConfigPlan>;
    try {
      outcome = await withFileLocks(
        [...locked],
        async () => {
          const plan = planClientConfig(req, readFile);
          if (plan.ok && pathsOf(plan.value).every((p) => locked.has(p))) await applyClientConfig(plan.value);
          return plan;
        },
        options,
      );
    } catch (error) {
      if (error instanceof FileLockTimeoutError) return fail("FILE_LOCKED", error.message);
      throw error;
    }
    if (!outcome.ok || pathsOf(outcome.value).every((p) => locked.has(p))) return outcome;
    wanted = outcome;
  }
}
