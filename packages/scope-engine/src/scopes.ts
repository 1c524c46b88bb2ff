import { SCOPE_TABLE } from "./scope-table.js";
import type { ScopeDefinition } from "./scope-table.js";

const BY_NAME: ReadonlyMap<string, ScopeDefinition> = new Map(SCOPE_TABLE.map((s) => [s.name, s]));

/** Public description of every known scope, for help texts, the console and validation messages. */
export const SCOPES: readonly { name: string; style: "posit" | "anaconda"; deprecated: boolean; summary: string }[] =
  SCOPE_TABLE.map(({ name, style, deprecated, summary }) => ({ name, style, deprecated, summary }));

/**
 * Returns the definition of a known scope, or undefined for an unknown name.
 * @example findScope("conda")?.implies // ["conda:download"]
 */
export function findScope(name: string): ScopeDefinition | undefined {
  return BY_NAME.get(name);
}

/**
 * Returns true when `name` is a scope Gatehouse knows (deprecated ones included).
 * @example isKnownScope("pypi") // true
 */
export function isKnownScope(name: string): boolean {
  return BY_NAME.has(name);
}

function closeOne(name: string): readonly string[] {
  const seen = new Set<string>();
  const stack = [name];
  while (stack.length > 0) {
    const next = stack.pop();
    if (next === undefined || seen.has(next)) continue;
    seen.add(next);
    stack.push(...(BY_NAME.get(next)?.implies ?? []));
  }
  return [...seen];
}

// Precomputed once: the implication graph is static data.
const CLOSURES: ReadonlyMap<string, readonly string[]> = new Map(SCOPE_TABLE.map((s) => [s.name, closeOne(s.name)]));

/**
 * Returns a scope and everything it implies, transitively (the scope itself first); unknown names map to themselves.
 * @example impliedBy("pypi") // ["pypi", "pypi:upload", "pypi:download"]
 */
export function impliedBy(name: string): readonly string[] {
  return CLOSURES.get(name) ?? [name];
}

/**
 * Returns the implication closure of a scope list, without duplicates, in first-seen order.
 * @example expandScopes(["api"]) // ["api", "api:modify-group", "api:write", "api:read"]
 */
export function expandScopes(scopes: readonly string[]): string[] {
  const out = new Set<string>();
  for (const scope of scopes) for (const implied of impliedBy(scope)) out.add(implied);
  return [...out];
}

/**
 * Classifies a scope list by naming family; unknown names are ignored (validation reports them).
 * @example scopeStyle(["repos:read", "conda"]) // "mixed"
 */
export function scopeStyle(scopes: readonly string[]): "posit" | "anaconda" | "mixed" | "empty" {
  let posit = false;
  let anaconda = false;
  for (const scope of scopes) {
    const style = BY_NAME.get(scope)?.style;
    if (style === "posit") posit = true;
    if (style === "anaconda") anaconda = true;
  }
  if (posit && anaconda) return "mixed";
  if (posit) return "posit";
  return anaconda ? "anaconda" : "empty";
}
