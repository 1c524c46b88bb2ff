// `npm run serve` / `pnpm serve`: install and build when needed, then start the
// server on the embedded database (./.gatehouse) at http://127.0.0.1:4242.
import { join } from "node:path";
import { SERVER_NODE_FLAGS } from "./server-flags.mjs";
import { prepareWorkspace, root, run } from "./workspace.mjs";

prepareWorkspace({ quiet: true });
const code = run(process.execPath, [...SERVER_NODE_FLAGS, join(root, "apps/cli/bin/run.js"), "serve", ...process.argv.slice(2)], { allowFailure: true });
process.exit(code);
