import type { Kysely } from "kysely";
import type { Database, UserRow } from "../db/index.js";
import { DomainError } from "../errors/index.js";
import { newId } from "../ids.js";

const USER_NAME = /^(?:[A-Za-z0-9][A-Za-z0-9._-]{0,63}|[^\s@]{1,64}@[^\s@]{1,190})$/;

/** Whether a user name is acceptable: a username or an email address. */
export function isValidUserName(name: string): boolean {
  return USER_NAME.test(name);
}

/** Finds a user by name, creating it on first use (tokens name their user by username or email). */
export async function ensureUser(db: Kysely<Database>, name: string): Promise<UserRow> {
  if (!isValidUserName(name)) {
    throw new DomainError(
      "INVALID_INPUT",
      `invalid user '${name}': use a username ([A-Za-z0-9._-], up to 64 characters) or an email address`,
      "user",
    );
  }
  const existing = await db.selectFrom("users").selectAll().where("name", "=", name).executeTakeFirst();
  if (existing) return existing;
  await db.insertInto("users").values({ id: newId("usr"), name }).onConflict((oc) => oc.column("name").doNothing()).execute();
  return db.selectFrom("users").selectAll().where("name", "=", name).executeTakeFirstOrThrow();
}

/** Finds a user by name or throws NOT_FOUND. */
export async function getUserByName(db: Kysely<Database>, name: string): Promise<UserRow> {
  const row = await db.selectFrom("users").selectAll().where("name", "=", name).executeTakeFirst();
  if (!row) throw new DomainError("NOT_FOUND", `no user named '${name}'`, "user");
  return row;
}
