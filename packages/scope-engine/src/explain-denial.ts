import type { CompiledGrant, DenialText } from "./compile-grant.js";
import { giftsOf } from "./gifts.js";
import { SCOPE_TABLE } from "./scope-table.js";
import { ACTIONS, REPO_TYPES, subjectOf } from "./vocabulary.js";
import type { Action, RepoType, Resource } from "./vocabulary.js";

/**
 * Describes an action and its target in words.
 * @example describeTarget("repo:read", { repo: "a", repoType: "conda" }) // '"repo:read" on repo "a" (type conda)'
 */
export function describeTarget(action: Action, resource: Resource): string {
  const subject = subjectOf(action);
  if (subject === null) return `"${action}"`;
  const name = subject === "repo" ? resource.repo : resource.source;
  const type = subject === "repo" ? resource.repoType : resource.sourceKind;
  const typed = type === undefined ? "" : ` (type ${type})`;
  return name === undefined ? `"${action}" with no ${subject} named${typed}` : `"${action}" on ${subject} "${name}"${typed}`;
}

function listCandidates(action: Action, type: RepoType | undefined, named: boolean): string {
  const subject = subjectOf(action);
  const names: string[] = [];
  for (const def of SCOPE_TABLE) {
    if (def.deprecated) continue;
    for (const gift of giftsOf(def.name)) {
      if (gift.action !== action) continue;
      if (gift.on === "listed") {
        const how = named ? `with the ${subject} in its --${subject}s list` : `with --${subject}s '*'`;
        names.push(`${def.name} (${how})`);
      } else if (gift.on === "any" || gift.on.type === type) names.push(def.name);
      else continue;
      break;
    }
  }
  return names.length === 0 ? "No scope grants it." : `Scopes that would grant it: ${names.join(", ")}.`;
}

function buildDenial(grant: CompiledGrant, action: Action, type: string | undefined, named: boolean): DenialText {
  const scopes = grant.grant.scopes;
  const held = scopes.length === 0 ? "this token has no scopes" : `this token's scopes (${scopes.join(", ")}) do not grant it`;
  const rule = grant.rules.get(action);
  const subject = subjectOf(action);
  const typed = subject === null || type === undefined ? "" : ` (type ${type})`;
  let typeNotes = "";
  if (rule?.types !== undefined && rule.types !== null) {
    for (const [t, grantor] of rule.types) typeNotes += ` Scope "${grantor.scope}" covers only ${subject}s of type ${t}.`;
  }
  const knownType = REPO_TYPES.find((t) => t === type);
  const after = `${typeNotes} ${listCandidates(action, knownType, named)}`;
  const hasList = rule !== undefined && rule.names !== null && rule.namesGrantor !== null;
  const listed = hasList ? ` Scope "${rule.namesGrantor?.scope}" covers only the ${subject}s ${[...(rule.names ?? [])].join(", ")}; ` : "";
  const notAllowed = ` is not allowed: ${held}.`;
  if (subject === null) return { head: `Denied: "${action}"${notAllowed}${after}`, repeat: null, tail: "" };
  if (!named) {
    const unnamed = hasList ? `${listed}no ${subject} was named.` : "";
    return { head: `Denied: "${action}" with no ${subject} named${typed}${notAllowed}${unnamed}${after}`, repeat: null, tail: "" };
  }
  const head = `Denied: "${action}" on ${subject} "`;
  if (!hasList) return { head, repeat: null, tail: `"${typed}${notAllowed}${after}` };
  return { head, repeat: `"${typed}${notAllowed}${listed}"`, tail: `" is not listed.${after}` };
}

const ACTION_INDEX: ReadonlyMap<string, number> = new Map(ACTIONS.map((a, i) => [a, i]));
const TYPE_SLOTS = REPO_TYPES.length + 1;

/**
 * Builds the sentence explaining why a grant does not allow an action on a resource.
 * Everything but the resource's name is cached on the compiled grant after the first call.
 * @example explainDenial(compiled, "blocklist:manage", {}) // 'Denied: "blocklist:manage" is not allowed: …'
 */
export function explainDenial(grant: CompiledGrant, action: Action, resource: Resource): string {
  const isRepo = subjectOf(action) === "repo";
  const name = isRepo ? resource.repo : resource.source;
  const type = isRepo ? resource.repoType : resource.sourceKind;
  const typeIndex = type === undefined ? -1 : REPO_TYPES.indexOf(type);
  const actionIndex = ACTION_INDEX.get(action);
  // Unknown actions or types (from untyped callers) are explained but never cached, which keeps the cache bounded.
  const cacheable = actionIndex !== undefined && (type === undefined || typeIndex !== -1);
  const slot = cacheable ? (actionIndex * TYPE_SLOTS + typeIndex + 1) * 2 + (name === undefined ? 0 : 1) : -1;
  let text = slot === -1 ? undefined : grant.denialCache[slot];
  if (text === undefined) {
    text = buildDenial(grant, action, type, name !== undefined);
    if (slot !== -1) grant.denialCache[slot] = text;
  }
  if (name === undefined) return text.head + text.tail;
  return text.repeat === null ? text.head + name + text.tail : text.head + name + text.repeat + name + text.tail;
}
