import { type ResourceList, compileGrant } from "@gatehouse/scope-engine";
import { type Actor, DomainError } from "../src/index.js";

/**
 * The actor the server would see for a token with these scopes, built without minting one, so
 * deprecated scopes (legacy `metadata:read`, which new tokens may not have) can be tested too.
 */
export function tokenActor(user: string, scopes: string[], repos: ResourceList = []): Actor {
  const grant = { scopes, repos, sources: [] };
  return { kind: "token", tokenId: `tok_${user}`, guid: `guid-${user}`, display: `gth-test…${user}`, userId: `usr_${user}`, userName: user, grant, compiled: compileGrant(grant) };
}

/** The DomainError code and field a promise fails with (throws if it succeeds or fails otherwise). */
export async function failureOf(p: Promise<unknown>): Promise<{ code: string; field: string | undefined; message: string }> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(err)}`);
  return { code: err.code, field: err.field, message: err.message };
}
