import { SPEC_ECOSYSTEMS, type SpecEcosystem, type VersionSpec, parseVersionSpec } from "@gatehouse/repo-index";
import type { Kysely } from "kysely";
import type { Database } from "../db/index.js";
import { normalizeNameFor } from "../files/inspectors.js";
import { selectActiveRules } from "./blocklist-queries.js";
import type { BlockRule } from "./blocklist-types.js";

/** One rule prepared for one ecosystem: its range parsed once (null: every version). */
interface CompiledRule {
  rule: BlockRule;
  spec: VersionSpec | null;
}

/**
 * The active rules (oldest first), as the read path hands them to `BlocklistMatcher`.
 * @example const matcher = new BlocklistMatcher(await loadActiveBlockRules(ctx.db));
 */
export async function loadActiveBlockRules(db: Kysely<Database>): Promise<BlockRule[]> {
  const rows = await selectActiveRules(db);
  return rows.map((r) => ({ id: r.id, package: r.package, versions: r.version_spec, repoId: r.repo_id, repo: r.repo_name, reason: r.reason }));
}

function compileFor(rule: BlockRule, ecosystem: SpecEcosystem): CompiledRule | undefined {
  if (rule.versions === null) return { rule, spec: null };
  const parsed = parseVersionSpec(ecosystem, rule.versions);
  return parsed.ok ? { rule, spec: parsed.value } : undefined;
}

/**
 * Decides which files the blocklist hides: rules compiled once, looked up by
 * ecosystem and normalized name, so `match` is a Map lookup plus the ranges of that name's rules.
 *
 * @example
 * const matcher = new BlocklistMatcher(await loadActiveBlockRules(db));
 * matcher.match(repo.id, "python", "requests", "2.0.1")?.reason
 */
export class BlocklistMatcher {
  /** Whether there are no rules at all (read paths can skip matching). */
  readonly isEmpty: boolean;
  private readonly byName = new Map<string, CompiledRule[]>();

  constructor(rules: readonly BlockRule[]) {
    this.isEmpty = rules.length === 0;
    for (const rule of rules) {
      // A repo's rule is indexed under every ecosystem its range parses in: lookups for that repo
      // only ever come with the repo's own ecosystem, so the others are never consulted.
      const compiled = SPEC_ECOSYSTEMS.map((ecosystem) => [ecosystem, compileFor(rule, ecosystem)] as const);
      // A stored range valid nowhere (written by an older parser) blocks every version: fail closed.
      const usable = compiled.some(([, c]) => c !== undefined);
      for (const [ecosystem, c] of compiled) {
        const entry = c ?? (usable ? undefined : { rule, spec: null });
        if (entry === undefined) continue;
        const key = keyOf(ecosystem, normalizeNameFor(ecosystem, rule.package));
        const list = this.byName.get(key);
        if (list) list.push(entry);
        else this.byName.set(key, [entry]);
      }
    }
  }

  /** The first rule blocking this file in this repo, or undefined. `project` is the file's normalized name. */
  match(repoId: string, ecosystem: SpecEcosystem, project: string, version: string): BlockRule | undefined {
    const candidates = this.byName.get(keyOf(ecosystem, project));
    if (candidates === undefined) return undefined;
    for (const { rule, spec } of candidates) {
      if (rule.repoId !== null && rule.repoId !== repoId) continue;
      if (spec === null || spec.matches(version)) return rule;
    }
    return undefined;
  }
}

function keyOf(ecosystem: SpecEcosystem, project: string): string {
  return `${ecosystem}\u0000${project}`;
}
