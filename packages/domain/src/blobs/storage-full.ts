import { DomainError } from "../errors/index.js";

// ENOSPC: the filesystem is full; EDQUOT: the server's user is over its quota. Both say "no room
// now" — the request itself was fine — so they are one stable code, answered 507 by the API.
const NO_SPACE = new Set(["ENOSPC", "EDQUOT"]);

/** Whether an error is the filesystem refusing a write for lack of space or quota. */
export function isNoSpace(err: unknown): boolean {
  return err instanceof Error && NO_SPACE.has((err as NodeJS.ErrnoException).code ?? "");
}

/**
 * The typed refusal of a write that found no room, naming the cause (the errno and what was being
 * written) and what an operator can do; the caller has already dropped what it staged.
 *
 * @example
 * catch (err) { throw isNoSpace(err) ? storageFullError(err, "staging the upload") : err; }
 */
export function storageFullError(err: unknown, doing: string): DomainError {
  const code = (err as NodeJS.ErrnoException).code ?? "ENOSPC";
  const cause = code === "EDQUOT" ? "the server's disk quota is exhausted" : "the server's disk is full";
  return new DomainError("STORAGE_FULL", `${cause} (${code} while ${doing}): nothing was stored; free space on the server (\`gatehouse gc\` removes unreferenced files) and retry`);
}

/** Rethrows a no-space error as STORAGE_FULL, anything else as it is. */
export function rethrowNoSpace(err: unknown, doing: string): never {
  throw isNoSpace(err) ? storageFullError(err, doing) : err;
}
