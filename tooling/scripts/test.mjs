// `npm test` / `pnpm test`: the whole suite. Lint, typecheck and build first,
// then one Vitest run over every project (unit, database, end-to-end), ending
// with a line `N passed, N failed, N skipped`.
import { prepareWorkspace, run } from "./workspace.mjs";

const [pnpm, pre] = prepareWorkspace({ quiet: true });
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" };
run(pnpm, [...pre, "exec", "biome", "check", "."], { env });
run(pnpm, [...pre, "exec", "turbo", "run", "typecheck", "--output-logs=errors-only"], { env });
const code = run(pnpm, [...pre, "exec", "vitest", "run", ...process.argv.slice(2)], { env, allowFailure: true });
process.exit(code);
