import { giftsOf } from "./gifts.js";
import type { HeldGift } from "./gifts.js";
import { subjectOf } from "./vocabulary.js";
import type { Action, ActionSubject, Grant } from "./vocabulary.js";

/** The scope a permission comes from and the sentence explaining it (a prefix awaiting the name for listed names). */
export interface Grantor {
  readonly scope: string;
  readonly text: string;
}

/** Everything a grant allows for one action, precomputed so a decision is a few lookups. */
export interface CompiledRule {
  readonly action: Action;
  readonly subject: ActionSubject;
  any: Grantor | null;
  names: Set<string> | null;
  namesGrantor: Grantor | null;
  types: Map<string, Grantor> | null;
}

/** A grant prepared for fast decisions; build it once per token (e.g. in the auth cache) and reuse it. */
export interface CompiledGrant {
  /** The grant this was compiled from. */
  readonly grant: Grant;
  /** Internal: per-action rules; absent actions are denied. */
  readonly rules: ReadonlyMap<Action, CompiledRule>;
  /** Internal: denial sentences built on first use (see explain-denial.ts), so repeated denials stay cheap. */
  readonly denialCache: (DenialText | undefined)[];
}

/**
 * A cached denial sentence split where the resource name goes: `head + name + tail`, or
 * `head + name + repeat + name + tail` when the name is quoted twice; just `head + tail` when no name was given.
 */
export interface DenialText {
  readonly head: string;
  readonly repeat: string | null;
  readonly tail: string;
}

function describeSource(held: string, gift: HeldGift): string {
  return held === gift.via ? `scope "${held}"` : `scope "${held}" (through "${gift.via}")`;
}

function ruleFor(rules: Map<Action, CompiledRule>, action: Action): CompiledRule {
  const existing = rules.get(action);
  if (existing !== undefined) return existing;
  const rule: CompiledRule = { action, subject: subjectOf(action), any: null, names: null, namesGrantor: null, types: null };
  rules.set(action, rule);
  return rule;
}

function addGift(rule: CompiledRule, held: string, gift: HeldGift, grant: Grant): void {
  const who = describeSource(held, gift);
  const subject = rule.subject ?? "resource";
  if (gift.everything) {
    rule.any ??= { scope: held, text: `Allowed: ${who} grants every action on every resource.` };
    return;
  }
  if (gift.on === "any" || rule.subject === null) {
    const where = rule.subject === null ? "" : ` on every ${subject}`;
    rule.any ??= { scope: held, text: `Allowed: ${who} grants "${rule.action}"${where}.` };
    return;
  }
  if (gift.on === "listed") {
    const list = rule.subject === "repo" ? grant.repos : grant.sources;
    if (list === "*") {
      rule.any ??= {
        scope: held,
        text: `Allowed: ${who} grants "${rule.action}" on every ${subject} (the token's ${subject}s list is "*").`,
      };
      return;
    }
    if (list.length === 0) return;
    rule.names ??= new Set();
    for (const name of list) rule.names.add(name);
    rule.namesGrantor ??= { scope: held, text: `Allowed: ${who} grants "${rule.action}" on ${subject} "` };
    return;
  }
  rule.types ??= new Map();
  if (!rule.types.has(gift.on.type)) {
    rule.types.set(gift.on.type, {
      scope: held,
      text: `Allowed: ${who} grants "${rule.action}" on every ${subject} of type ${gift.on.type}.`,
    });
  }
}

/**
 * Precomputes a grant's permissions per action so `authorize`/`isAllowed` need only a few lookups.
 * Unknown scopes grant nothing; earlier scopes in the list are credited first in explanations.
 * @example const compiled = compileGrant({ scopes: ["repos:read"], repos: ["team-py"], sources: [] });
 */
export function compileGrant(grant: Grant): CompiledGrant {
  const rules = new Map<Action, CompiledRule>();
  for (const held of new Set(grant.scopes)) {
    for (const gift of giftsOf(held)) addGift(ruleFor(rules, gift.action), held, gift, grant);
  }
  return { grant, rules, denialCache: [] };
}
