// Rendering index documents at scale, without a server: conda repodata.json of 100,000 records and
// the PEP 503/691 simple root (HTML and JSON) of 100,000 projects. These were timed unit tests
// (a bound of 5 s and 10 s); here they are figures next to goals. Median of 5 rounds after a warm-up.
import { type CondaRecord, renderRepodata, renderSimpleRootHtml, renderSimpleRootJson } from "@gatehouse/repo-index";
import { median } from "../support/stats.js";

const COUNT = 100_000;
const ROUNDS = 5;

function record(i: number): CondaRecord {
  return {
    name: `pkg${i % 997}`,
    version: `1.${i}`,
    build: `h${i}_0`,
    build_number: 0,
    subdir: "linux-64",
    depends: ["python >=3.9", "libzlib >=1.2.13,<2.0a0"],
    constrains: [],
    md5: "0".repeat(32),
    sha256: "f".repeat(64),
    size: 1234,
    timestamp: 1_700_000_000_000 + i,
  };
}

const records = Array.from({ length: COUNT }, (_, i) => ({ filename: `pkg${i % 997}-1.${i}-h${i}_0.conda`, format: "conda" as const, record: record(i) }));
const projects = Array.from({ length: COUNT }, (_, i) => ({ name: `Project_${(i * 7919) % COUNT}` }));

/** Milliseconds per run of `work`, median of ROUNDS after one unreported run. */
function time(work: () => number): number {
  const times: number[] = [];
  let sink = 0;
  for (let round = -1; round < ROUNDS; round++) {
    const start = process.hrtime.bigint();
    sink += work();
    if (round >= 0) times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  if (sink < 0) console.log(sink);
  return median(times);
}

const cases: [string, number, () => number][] = [
  ["repodata.json, 100,000 records", 2000, () => renderRepodata({ subdir: "linux-64", records }).length],
  ["simple root HTML, 100,000 projects", 1000, () => renderSimpleRootHtml(projects).length],
  ["simple root JSON, 100,000 projects", 1000, () => renderSimpleRootJson(projects).length],
];

console.log(`${"case".padEnd(38)}${"median".padStart(10)}   goal`);
for (const [name, goalMs, work] of cases) {
  const ms = time(work);
  console.log(`${name.padEnd(38)}${`${ms.toFixed(0)} ms`.padStart(10)}   ≤ ${goalMs} ms ${ms <= goalMs ? "ok" : "MISSED"}`);
}
