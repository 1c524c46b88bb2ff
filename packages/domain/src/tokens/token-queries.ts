import type { Grant } from "@gatehouse/scope-engine";
import type { Kysely } from "kysely";
import type { Database, NewTokenRow, TokenRow } from "../db/index.js";

/** Token row plus its user's name. */
export type TokenWithUser = TokenRow & { user_name: string };

/** The grant a stored token holds (its scopes, repos and sources as created). */
export function grantOfTokenRow(row: TokenRow): Grant {
  return { scopes: row.scopes, repos: row.repos, sources: row.sources };
}

function withUser(db: Kysely<Database>) {
  return db.selectFrom("tokens").innerJoin("users", "users.id", "tokens.user_id").selectAll("tokens").select("users.name as user_name");
}

/** Inserts a token row. */
export async function insertToken(db: Kysely<Database>, row: NewTokenRow): Promise<void> {
  await db.insertInto("tokens").values(row).execute();
}

/** Looks a token up by the SHA-256 of its plaintext (the indexed column). */
export async function findTokenByHash(db: Kysely<Database>, hash: string): Promise<TokenWithUser | undefined> {
  return withUser(db).where("tokens.hash", "=", hash).executeTakeFirst();
}

/** Looks a token up by its GUID. */
export async function findTokenByGuid(db: Kysely<Database>, guid: string): Promise<TokenWithUser | undefined> {
  return withUser(db).where("tokens.guid", "=", guid).executeTakeFirst();
}

/** Looks a named (Anaconda-style) live token of a user up. */
export async function findLiveTokenByName(db: Kysely<Database>, userId: string, name: string): Promise<TokenWithUser | undefined> {
  return withUser(db)
    .where("tokens.user_id", "=", userId)
    .where("tokens.name", "=", name)
    .where("tokens.revoked_at", "is", null)
    .executeTakeFirst();
}

/** Filter for listing tokens. */
export interface TokenListFilter {
  userId?: string;
  style?: "posit" | "anaconda";
  includeExpired: boolean;
  includeRevoked: boolean;
  now: Date;
}

/** Lists tokens, newest first; expired and revoked ones only when asked for. */
export async function selectTokens(db: Kysely<Database>, f: TokenListFilter): Promise<TokenWithUser[]> {
  let q = withUser(db).orderBy("tokens.created_at", "desc").orderBy("tokens.id");
  if (f.userId) q = q.where("tokens.user_id", "=", f.userId);
  if (f.style) q = q.where("tokens.style", "=", f.style);
  if (!f.includeRevoked) q = q.where("tokens.revoked_at", "is", null);
  if (!f.includeExpired) q = q.where((eb) => eb.or([eb("tokens.expires_at", "is", null), eb("tokens.expires_at", ">", f.now)]));
  return q.execute();
}

/** Marks a token revoked (permanently); returns whether a live token was changed. */
export async function markRevoked(db: Kysely<Database>, tokenId: string, at: Date): Promise<boolean> {
  const res = await db
    .updateTable("tokens")
    .set({ revoked_at: at })
    .where("id", "=", tokenId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** Records when tokens were last used (batched by the verifier). */
export async function touchTokens(db: Kysely<Database>, ids: readonly string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable("tokens").set({ last_used_at: at }).where("id", "in", ids).execute();
}

/** Counts tokens ever created (the server's first start is when there are none). */
export async function countTokens(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom("tokens").select((eb) => eb.fn.countAll().as("n")).executeTakeFirst();
  return Number(row?.n ?? 0);
}
