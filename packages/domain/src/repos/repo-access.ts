import { type Actor, can } from "../auth/index.js";
import type { RepoType } from "../db/index.js";
import { DomainError } from "../errors/index.js";

/** The facts about a repo that read access depends on. */
export interface RepoAccessFacts {
  name: string;
  type: RepoType;
  authenticated: boolean;
}

/** Whether the actor may read the repo: anyone for a public repo, else a token whose scopes cover it. */
export function canReadRepo(actor: Actor, repo: RepoAccessFacts): boolean {
  return !repo.authenticated || can(actor, "repo:read", { repo: repo.name, repoType: repo.type });
}

/**
 * Throws unless the actor may read the repo: UNAUTHENTICATED without
 * credentials (clients then retry with them), FORBIDDEN with a token that lacks the scope.
 */
export function requireRepoRead(actor: Actor, repo: RepoAccessFacts): void {
  if (canReadRepo(actor, repo)) return;
  if (actor.kind === "anonymous") {
    throw new DomainError("UNAUTHENTICATED", `repo '${repo.name}' requires authentication: present a token (netrc, URL or Authorization header)`);
  }
  throw new DomainError(
    "FORBIDDEN",
    `this token may not read repo '${repo.name}': it needs repos:read with '${repo.name}' in its --repos list (or a broader scope)`,
  );
}
