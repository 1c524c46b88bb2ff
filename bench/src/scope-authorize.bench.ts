// How many authorization decisions one core makes per second for an already compiled grant
// (the hot path of every authenticated request). Goal: at least 5 million per second.
// Reading it: "isAllowed" is the boolean check handlers use; "authorize" also builds the Decision
// and its explanation (denials cost more, they list the scopes that would have granted).
import { authorize, compileGrant, isAllowed } from "@gatehouse/scope-engine";
import type { Action, CompiledGrant, Grant, Resource } from "@gatehouse/scope-engine";
import { median } from "../support/stats.js";
import { timeRounds } from "../support/time-rounds.js";

const GOAL_PER_SECOND = 5_000_000;
const OPS_PER_ROUND = 2_000_000;
const ROUNDS = 9;

const GRANTS: Grant[] = [
  { scopes: ["repos:read"], repos: ["team-py", "team-r", "bioc", "conda-forge", "internal"], sources: [] },
  { scopes: ["sources:write", "repos:read"], repos: ["team-py"], sources: ["uploads", "ci"] },
  { scopes: ["api", "conda", "pypi:download"], repos: "*", sources: "*" },
  { scopes: ["global:admin"], repos: [], sources: [] },
];

const QUESTIONS: [Action, Resource | undefined][] = [
  ["repo:read", { repo: "team-py", repoType: "python" }],
  ["repo:read", { repo: "other", repoType: "python" }],
  ["repo:read", { repo: "conda-forge", repoType: "conda" }],
  ["repo:read", { repo: "cran", repoType: "r" }],
  ["source:write", { source: "uploads", sourceKind: "python" }],
  ["source:write", { source: "elsewhere", sourceKind: "conda" }],
  ["metadata:read", { repo: "team-r" }],
  ["tokens:own", undefined],
  ["tokens:manage", undefined],
  ["blocklist:read", undefined],
  ["groups:manage", undefined],
  ["api:read", undefined],
];

const COMPILED: CompiledGrant[] = GRANTS.map(compileGrant);
// Every (grant, question) pair, flattened so the timed loop only indexes arrays.
const PAIRS = COMPILED.flatMap((grant) => QUESTIONS.map(([action, resource]) => ({ grant, action, resource })));
const ALLOWED_SHARE = PAIRS.filter((p) => isAllowed(p.grant, p.action, p.resource)).length / PAIRS.length;
const ALLOWED_PAIRS = PAIRS.filter((p) => isAllowed(p.grant, p.action, p.resource));
const DENIED_PAIRS = PAIRS.filter((p) => !isAllowed(p.grant, p.action, p.resource));

type Pair = (typeof PAIRS)[number];

function formatRate(n: number): string {
  return `${(n / 1e6).toFixed(2)} M/s`.padStart(11);
}

const cases: [string, readonly Pair[], (p: Pair) => boolean][] = [
  ["isAllowed, mixed", PAIRS, (p) => isAllowed(p.grant, p.action, p.resource)],
  ["authorize, mixed", PAIRS, (p) => authorize(p.grant, p.action, p.resource).allowed],
  ["authorize, allowed only", ALLOWED_PAIRS, (p) => authorize(p.grant, p.action, p.resource).allowed],
  ["authorize, denied only", DENIED_PAIRS, (p) => authorize(p.grant, p.action, p.resource).allowed],
];

console.log(
  `scope-authorize: decisions per second on one core, ${GRANTS.length} grants × ${QUESTIONS.length} questions ` +
    `(${Math.round(ALLOWED_SHARE * 100)}% allowed), median of ${ROUNDS} rounds of ${OPS_PER_ROUND.toLocaleString("en")}`,
);
console.log(`goal: ≥ ${formatRate(GOAL_PER_SECOND).trim()}\n`);
console.log(`${"case".padEnd(26)}${"median".padStart(11)}${"min".padStart(11)}${"max".padStart(11)}   vs goal`);
for (const [label, pairs, decide] of cases) {
  const rates = timeRounds(pairs, OPS_PER_ROUND, ROUNDS, (p) => (decide(p) ? 1 : 0));
  const m = median(rates);
  const verdict = m >= GOAL_PER_SECOND ? `ok (${(m / GOAL_PER_SECOND).toFixed(1)}×)` : "BELOW GOAL";
  console.log(
    `${label.padEnd(26)}${formatRate(m)}${formatRate(Math.min(...rates))}${formatRate(Math.max(...rates))}   ${verdict}`,
  );
}
