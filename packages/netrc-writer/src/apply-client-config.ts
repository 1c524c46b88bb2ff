import type { ClientConfigPlan } from "./client-config-types.js";
import { writeFileAtomic } from "./write-file-atomic.js";

/**
 * Writes every change of a plan, each atomically: netrc and secret files with mode 0600,
 * other files keeping their mode (0644 when new).
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
