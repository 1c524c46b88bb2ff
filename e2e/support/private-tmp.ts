// Setup file of every e2e test file: its temporary files (client HOMEs holding .netrc tokens,
// built packages, data folders) go to a folder of its own, owner-only (mkdtemp makes it 0700),
// which is removed after the file's own cleanup. TMPDIR is inherited by the server, pip, twine,
// R and Chromium the tests start, so nothing they write lands in the shared /tmp either.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

const shared = tmpdir();
const previous = process.env.TMPDIR;
const own = mkdtempSync(join(shared, "gh-e2e-tmp-"));
process.env.TMPDIR = own;

// Registered before the test file's hooks, so it runs after them (hooks run as a stack).
afterAll(() => {
  if (previous === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = previous;
  rmSync(own, { recursive: true, force: true });
});
