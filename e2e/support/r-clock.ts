import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// Loaded into the server process with NODE_OPTIONS=--import, so it can publish "in the past"
// and dated snapshots can be told apart from latest through the real server.
const SHIM = `const offset = Number(process.env.GATEHOUSE_TEST_CLOCK_OFFSET_MS ?? 0);
const RealDate = Date;
class ShiftedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + offset);
    else super(...args);
  }
  static now() {
    return RealDate.now() + offset;
  }
}
globalThis.Date = ShiftedDate;
`;

/** Environment that starts a Node process with its clock shifted by `offsetMs` (negative: in the past). */
export function shiftedClockEnv(offsetMs: number): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), "gh-clock-"));
  const path = join(dir, "shift-clock.mjs");
  writeFileSync(path, SHIM);
  return { NODE_OPTIONS: `--import=${path}`, GATEHOUSE_TEST_CLOCK_OFFSET_MS: String(offsetMs) };
}
