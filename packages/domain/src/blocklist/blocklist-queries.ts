import type { Kysely } from "kysely";
import type { Database } from "../db/index.js";

/** An active rule row joined with its repo's name and type. */
export interface RuleRow {
  id: string;
  package: string;
  version_spec: string | null;
  repo_id: string | null;
  repo_name: string | null;
  reason: string;
  created_by: string;
  created_at: Date;
}

function selectRules(db: Kysely<Database>) {
  return db
    .selectFrom("blocklist_rules")
    .leftJoin("repos", "repos.id", "blocklist_rules.repo_id")
    .select([
      "blocklist_rules.id",
      "blocklist_rules.package",
      "blocklist_rules.version_spec",
      "blocklist_rules.repo_id",
      "repos.name as repo_name",
      "blocklist_rules.reason",
      "blocklist_rules.created_by",
      "blocklist_rules.created_at",
    ])
    .where("blocklist_rules.removed_at", "is", null);
}

/** Every rule not deleted, oldest first (so the first match is the oldest rule). */
export async function selectActiveRules(db: Kysely<Database>): Promise<RuleRow[]> {
  return selectRules(db).orderBy("blocklist_rules.created_at").orderBy("blocklist_rules.id").execute();
}

/** One rule not deleted, by id. */
export async function findActiveRule(db: Kysely<Database>, id: string): Promise<RuleRow | undefined> {
  return selectRules(db).where("blocklist_rules.id", "=", id).executeTakeFirst();
}

/** Marks a rule deleted (kept for history); false when it was not active. */
export async function markRuleRemoved(db: Kysely<Database>, id: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable("blocklist_rules")
    .set({ removed_at: at })
    .where("id", "=", id)
    .where("removed_at", "is", null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
