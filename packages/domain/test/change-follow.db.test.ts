import { afterEach, describe, expect, it } from "vitest";
import { type Change, ChangeBus, type Domain } from "../src/index.js";
import { pollChanges, recordChange } from "../src/changes/index.js";
import { testDatabases } from "./databases.js";

const until = async (check: () => boolean, ms = 5_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out waiting for a change");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe.each(testDatabases)("following other processes' changes on $name", (database) => {
  let domain: Domain;
  let stop: (() => void) | undefined;
  afterEach(async () => {
    stop?.();
    await domain?.close();
  });

  it("republishes changes another process records, including one that commits after a higher id was read", async () => {
    domain = await database.open();
    const other = new ChangeBus();
    const seen: string[] = [];
    other.subscribe((c: Change) => seen.push(`${c.kind}:${c.project ?? ""}`));
    stop = pollChanges(domain.db, other, 25, 0);

    await recordChange(domain.db, { kind: "token", project: "first" });
    await until(() => seen.includes("token:first"));

    if (database.name === "pglite") return; // one connection: transactions cannot interleave there
    // A transaction takes its id, then waits; a later one commits first and is read first.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = domain.db.transaction().execute(async (tx) => {
      await recordChange(tx, { kind: "token", project: "late" });
      await held;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await recordChange(domain.db, { kind: "token", project: "early" });
    await until(() => seen.includes("token:early"));
    release();
    await slow;
    await until(() => seen.includes("token:late"));
    expect(seen.filter((s) => s === "token:late")).toHaveLength(1);
  });
});
