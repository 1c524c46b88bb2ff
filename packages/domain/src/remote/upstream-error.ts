import { DomainError } from "../errors/index.js";

/** The upstream could not be reached, answered an error, or sent something unusable (502). */
export function upstreamFailed(upstream: string, why: string): DomainError {
  return new DomainError("UPSTREAM_FAILED", `upstream ${upstream} ${why}`);
}

/** The upstream did not answer in time (504). */
export function upstreamTimedOut(upstream: string, ms: number): DomainError {
  return new DomainError("UPSTREAM_TIMEOUT", `upstream ${upstream} did not answer within ${Math.round(ms / 1000)} s`);
}

/** The host of a URL, for messages: never the path (which could hold a token) nor credentials. */
export function upstreamHostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "(invalid URL)";
  }
}
