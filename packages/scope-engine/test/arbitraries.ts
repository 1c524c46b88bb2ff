// Shared fast-check generators for the scope engine's law tests.
import fc from "fast-check";
import { ACTIONS, REPO_TYPES, SCOPE_TABLE } from "../src/index.js";
import type { Action, Grant, RepoType, Resource, ResourceList } from "../src/index.js";

export const NAMES = ["a", "b", "c", "d"] as const;

/** Any known scope, plus one unknown name to show unknown scopes are inert. */
export const scopeArb = fc.constantFrom(...SCOPE_TABLE.map((s) => s.name), "bogus:scope");

export const listArb: fc.Arbitrary<ResourceList> = fc.oneof(
  fc.constant("*" as const),
  fc.subarray([...NAMES]),
);

export const grantArb: fc.Arbitrary<Grant> = fc.record({
  scopes: fc.uniqueArray(scopeArb, { maxLength: 4 }),
  repos: listArb,
  sources: listArb,
});

export const actionArb: fc.Arbitrary<Action> = fc.constantFrom(...ACTIONS);

const nameArb = fc.constantFrom(...NAMES, "e");
const typeArb: fc.Arbitrary<RepoType> = fc.constantFrom(...REPO_TYPES);

export const resourceArb: fc.Arbitrary<Resource> = fc.record(
  { repo: nameArb, repoType: typeArb, source: nameArb, sourceKind: typeArb },
  { requiredKeys: [] },
);

/** A batch of questions to ask of one or two grants. */
export const probesArb = fc.array(fc.tuple(actionArb, fc.option(resourceArb, { nil: undefined })), {
  minLength: 1,
  maxLength: 25,
});
