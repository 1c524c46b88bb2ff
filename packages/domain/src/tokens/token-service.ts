import {
  type Grant,
  type ResourceList,
  type ScopeError,
  isAllowed,
  isWithin,
  scopeStyle,
  validateNewGrant,
} from "@gatehouse/scope-engine";
import {
  displayToken,
  expiresAtFrom,
  generateToken,
  hashToken,
  newTokenGuid,
  parseExpiry,
  parseToken,
} from "@gatehouse/token-model";
import { recordAudit } from "../audit/index.js";
import { type Actor, LOCAL_ACTOR, compiledGrantOf, describeActor, grantOf, userIdOf } from "../auth/index.js";
import { recordChange } from "../changes/index.js";
import type { DomainContext, RequestMeta } from "../context.js";
import { DomainError } from "../errors/index.js";
import { newId } from "../ids.js";
import { ensureUser } from "../users/index.js";
import { type TokenInfo, toTokenInfo } from "./token-info.js";
import {
  type TokenWithUser,
  findLiveTokenByName,
  findTokenByGuid,
  findTokenByHash,
  insertToken,
  markRevoked,
  selectTokens,
} from "./token-queries.js";

/** What a caller asks for when creating a token. */
export interface CreateTokenInput {
  scopes: readonly string[];
  repos?: ResourceList;
  sources?: ResourceList;
  /** `45s`, `5m`, `12h`, `30d` or `never`; default `never` (Posit style) or one year (Anaconda style). */
  expires?: string;
  description: string;
  user: string;
  /** Anaconda-style tokens have a name, unique per user. */
  name?: string;
  org?: string;
}

/** A new token: the plaintext (shown once) and its listing. */
export interface CreatedToken {
  token: string;
  info: TokenInfo;
}

const MAX_DESCRIPTION = 500;
const ANACONDA_DEFAULT_EXPIRY = "365d";
const TOKEN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function scopeErrorToDomain(error: ScopeError): DomainError {
  return new DomainError("INVALID_INPUT", error.message, error.flag ?? "scope");
}

/**
 * Creates a token after validating every input and checking that the caller may
 * mint it: `tokens:manage`, or `tokens:own` for their own user; and never a token
 * broader than the caller's own.
 */
export async function createToken(
  ctx: DomainContext,
  actor: Actor,
  input: CreateTokenInput,
  meta: RequestMeta = {},
): Promise<CreatedToken> {
  const description = input.description?.trim() ?? "";
  if (!description) {
    throw new DomainError("INVALID_INPUT", "a description is required (--description): say what the token is for", "description");
  }
  if (description.length > MAX_DESCRIPTION) {
    throw new DomainError("INVALID_INPUT", `the description is ${description.length} characters; at most ${MAX_DESCRIPTION} are allowed`, "description");
  }
  if (!input.user?.trim()) {
    throw new DomainError("INVALID_INPUT", "a user is required (--user): the username or email the token acts for", "user");
  }
  if (input.name !== undefined && !TOKEN_NAME.test(input.name)) {
    throw new DomainError("INVALID_INPUT", `invalid token name '${input.name}': use letters, digits, '.', '_' or '-' (up to 64)`, "name");
  }
  const validated = validateNewGrant({
    scopes: input.scopes,
    ...(input.repos !== undefined ? { repos: input.repos } : {}),
    ...(input.sources !== undefined ? { sources: input.sources } : {}),
  });
  if (!validated.ok) throw scopeErrorToDomain(validated.error);
  const grant: Grant = validated.value;
  const style = scopeStyle(grant.scopes) === "anaconda" ? "anaconda" : "posit";
  const expiry = parseExpiry(input.expires ?? (style === "anaconda" ? ANACONDA_DEFAULT_EXPIRY : "never"));
  if (!expiry.ok) throw new DomainError("INVALID_INPUT", expiry.error.message, "expires");

  const ownUser = actor.kind === "token" && actor.userName === input.user;
  const compiled = compiledGrantOf(actor);
  if (!isAllowed(compiled, "tokens:manage") && !(ownUser && isAllowed(compiled, "tokens:own"))) {
    throw new DomainError(
      actor.kind === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN",
      "creating this token needs a global:admin token (or api:write, for your own user)",
    );
  }
  const within = isWithin(grant, grantOf(actor));
  if (!within.ok) {
    throw new DomainError("FORBIDDEN", `a token cannot create a token broader than itself: ${within.reason}`);
  }

  const now = ctx.now();
  const token = generateToken();
  const created = await ctx.db.transaction().execute(async (tx) => {
    const user = await ensureUser(tx, input.user.trim());
    if (input.name !== undefined && (await findLiveTokenByName(tx, user.id, input.name))) {
      throw new DomainError("ALREADY_EXISTS", `user '${user.name}' already has a token named '${input.name}'; pick another name or remove it first`, "name");
    }
    let orgId: string | null = null;
    if (input.org) {
      const org = await tx.selectFrom("organizations").select("id").where("name", "=", input.org).executeTakeFirst();
      if (!org) throw new DomainError("NOT_FOUND", `no organization named '${input.org}'`, "org");
      orgId = org.id;
    }
    const row = {
      id: newId("tok"),
      guid: newTokenGuid(),
      hash: hashToken(token),
      display: displayToken(token),
      name: input.name ?? null,
      style,
      scopes: JSON.stringify(grant.scopes),
      repos: JSON.stringify(grant.repos),
      sources: JSON.stringify(grant.sources),
      description,
      user_id: user.id,
      org_id: orgId,
      created_by: describeActor(actor),
      expires_at: expiresAtFrom(expiry.value, now),
      revoked_at: null,
      created_at: now,
      last_used_at: null,
    } as const;
    await insertToken(tx, row);
    await recordAudit(tx, {
      actor: describeActor(actor),
      action: "token.create",
      target: `token:${row.guid}`,
      address: meta.address ?? null,
      detail: { display: row.display, scopes: grant.scopes, repos: grant.repos, sources: grant.sources, user: user.name },
    });
    const stored = await findTokenByGuid(tx, row.guid);
    if (!stored) throw new DomainError("INTERNAL", "token vanished after insert");
    return stored;
  });
  return { token, info: toTokenInfo(created, now) };
}

/** Which tokens to list. */
export interface ListTokensInput {
  expired?: boolean;
  revoked?: boolean;
  style?: "posit" | "anaconda";
  /** Only this user's tokens (callers without `tokens:manage` always get only their own). */
  user?: string;
}

/** Lists tokens the actor may see: all with `tokens:manage`, else only the actor's own. */
export async function listTokens(ctx: DomainContext, actor: Actor, input: ListTokensInput = {}): Promise<TokenInfo[]> {
  const compiled = compiledGrantOf(actor);
  let userId: string | undefined;
  if (!isAllowed(compiled, "tokens:manage")) {
    const own = userIdOf(actor);
    if (!own || !isAllowed(compiled, "tokens:own")) {
      throw new DomainError(actor.kind === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN", "listing tokens needs a global:admin token");
    }
    userId = own;
  } else if (input.user) {
    const u = await ctx.db.selectFrom("users").select("id").where("name", "=", input.user).executeTakeFirst();
    if (!u) return [];
    userId = u.id;
  }
  const now = ctx.now();
  const rows = await selectTokens(ctx.db, {
    ...(userId ? { userId } : {}),
    ...(input.style ? { style: input.style } : {}),
    includeExpired: input.expired ?? false,
    includeRevoked: input.revoked ?? false,
    now,
  });
  return rows.map((r) => toTokenInfo(r, now));
}

/** How to name the token to revoke: its GUID, its plaintext, or (Anaconda style) its name. */
export type RevokeTarget = { guid: string } | { token: string } | { name: string; user?: string };

async function findTarget(ctx: DomainContext, actor: Actor, target: RevokeTarget): Promise<TokenWithUser | undefined> {
  if ("guid" in target) return findTokenByGuid(ctx.db, target.guid);
  if ("token" in target) {
    const parsed = parseToken(target.token);
    if (!parsed.ok) throw new DomainError("INVALID_INPUT", parsed.error.message, "token");
    return findTokenByHash(ctx.db, hashToken(target.token));
  }
  const userName = target.user ?? (actor.kind === "token" ? actor.userName : undefined);
  if (!userName) throw new DomainError("INVALID_INPUT", "say whose token to remove (--user)", "user");
  const user = await ctx.db.selectFrom("users").select("id").where("name", "=", userName).executeTakeFirst();
  return user ? findLiveTokenByName(ctx.db, user.id, target.name) : undefined;
}

/** Revokes a token for good. The caller's own tokens need `tokens:own`; anyone's need `tokens:manage`. */
export async function revokeToken(
  ctx: DomainContext,
  actor: Actor,
  target: RevokeTarget,
  meta: RequestMeta = {},
): Promise<TokenInfo> {
  const row = await findTarget(ctx, actor, target);
  const compiled = compiledGrantOf(actor);
  const mayManage = isAllowed(compiled, "tokens:manage");
  const isOwn = row !== undefined && row.user_id === userIdOf(actor) && isAllowed(compiled, "tokens:own");
  if (!row || (!mayManage && !isOwn)) {
    if (!mayManage && row === undefined && actor.kind !== "local" && !isAllowed(compiled, "tokens:own")) {
      throw new DomainError(actor.kind === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN", "revoking tokens needs a global:admin token");
    }
    throw new DomainError("NOT_FOUND", "no such token; list tokens with `gatehouse list tokens`");
  }
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    await markRevoked(tx, row.id, now);
    await recordChange(tx, { kind: "token" });
    await recordAudit(tx, {
      actor: describeActor(actor),
      action: "token.revoke",
      target: `token:${row.guid}`,
      address: meta.address ?? null,
      detail: { display: row.display, user: row.user_name },
    });
  });
  ctx.bus.publish({ kind: "token" });
  const updated = await findTokenByGuid(ctx.db, row.guid);
  if (!updated) throw new DomainError("INTERNAL", "token vanished after revoke");
  return toTokenInfo(updated, now);
}

/**
 * Creates a `global:admin` token for the local operator. Refuses when a live
 * admin token exists unless forced, so a stray run cannot mint extra keys.
 */
export async function bootstrapAdminToken(
  ctx: DomainContext,
  options: { force?: boolean; user?: string } = {},
): Promise<CreatedToken> {
  if (!options.force) {
    const live = await selectTokens(ctx.db, { includeExpired: false, includeRevoked: false, now: ctx.now() });
    if (live.some((t) => t.scopes.includes("global:admin"))) {
      throw new DomainError(
        "CONFLICT",
        "a global:admin token already exists; use it to create more, or run `gatehouse bootstrap --force` to mint another",
      );
    }
  }
  return createToken(ctx, LOCAL_ACTOR, {
    scopes: ["global:admin"],
    description: "first administrator token (gatehouse bootstrap)",
    user: options.user ?? "admin",
  });
}
