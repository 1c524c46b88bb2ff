// The cost of checking a presented token before the auth-cache lookup: parseToken (prefix, length,
// alphabet, CRC-32 checksum) then hashToken (SHA-256, the cache/database key). Malformed tokens are
// refused by parseToken alone, so their row shows how cheaply garbage is turned away.
import { generateToken, hashToken, parseToken } from "@gatehouse/token-model";
import { median } from "../support/stats.js";
import { timeRounds } from "../support/time-rounds.js";

const OPS_PER_ROUND = 200_000;
const ROUNDS = 9;

const VALID = Array.from({ length: 64 }, () => generateToken());
const MALFORMED = VALID.map((t, i) => {
  if (i % 3 === 0) return `ghp_${t.slice(4)}`; // wrong prefix
  if (i % 3 === 1) return t.slice(0, 45); // truncated
  return `${t.slice(0, 20)}${t[20] === "A" ? "B" : "A"}${t.slice(21)}`; // one typo: checksum mismatch
});

function formatRate(n: number): string {
  return `${(n / 1e3).toFixed(0)} k/s`.padStart(11);
}

const cases: [string, readonly string[], (token: string) => number][] = [
  ["parseToken only (valid)", VALID, (t) => (parseToken(t).ok ? 1 : 0)],
  ["hashToken only", VALID, (t) => hashToken(t).length],
  ["parse + hash (valid)", VALID, (t) => (parseToken(t).ok ? hashToken(t).length : 0)],
  ["parse (malformed, refused)", MALFORMED, (t) => (parseToken(t).ok ? hashToken(t).length : 0)],
];

console.log(`token-verify: tokens checked per second on one core, median of ${ROUNDS} rounds of ${OPS_PER_ROUND.toLocaleString("en")}\n`);
console.log(`${"case".padEnd(30)}${"median".padStart(11)}${"min".padStart(11)}${"max".padStart(11)}   µs/token`);
for (const [label, inputs, work] of cases) {
  const rates = timeRounds(inputs, OPS_PER_ROUND, ROUNDS, work);
  const m = median(rates);
  const micros = (1e6 / m).toFixed(2).padStart(8);
  console.log(`${label.padEnd(30)}${formatRate(m)}${formatRate(Math.min(...rates))}${formatRate(Math.max(...rates))}   ${micros}`);
}
