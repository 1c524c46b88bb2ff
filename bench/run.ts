// Runs every benchmark under src/ (or those named on the command line) one
// after another, each in its own process so one's heap cannot skew another.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const dir = join(import.meta.dirname, "src");
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();

let failures = 0;
for (const file of files) {
  process.stdout.write(`\n## ${file}\n`);
  const run = spawnSync(process.execPath, ["--conditions=source", "--import", "tsx", join(dir, file)], {
    stdio: "inherit",
  });
  if (run.status !== 0) failures++;
}
process.exitCode = failures === 0 ? 0 : 1;
