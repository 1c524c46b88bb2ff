import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { type Change, ChangeBus, type Domain, openDomain } from "../src/index.js";
import { LISTENER_APPLICATION_NAME, followChanges, pollChanges, recordChange } from "../src/changes/index.js";
import { testDatabases } from "./databases.js";

const until = async (check: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The safety poll is pushed out of reach, so whatever is seen came by NOTIFY or a reconnect's catch-up.
const NO_POLL = { safetyPollMs: 60_000, backoff: { minMs: 20, maxMs: 200 } };

function seenOn(bus: ChangeBus): string[] {
  const seen: string[] = [];
  bus.subscribe((c: Change) => seen.push(`${c.kind}:${c.project ?? ""}`));
  return seen;
}

/** A transaction that has taken a change id and commits only when released. */
function heldChange(domain: Domain, project: string): { release(): void; done: Promise<void> } {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const done = domain.db.transaction().execute(async (tx) => {
    await recordChange(tx, { kind: "token", project });
    await held;
  });
  return { release, done };
}

describe.each(testDatabases)("following other processes' changes on $name", (database) => {
  let domain: Domain;
  let stop: (() => void) | undefined;
  afterEach(async () => {
    stop?.();
    await domain?.close();
  });

  it("the catch-up read republishes changes, including one that commits after a higher id was read", async () => {
    domain = await database.open();
    const other = new ChangeBus();
    const seen = seenOn(other);
    stop = pollChanges(domain.db, other, 25, 0);

    await recordChange(domain.db, { kind: "token", project: "first" });
    await until(() => seen.includes("token:first"));

    if (database.name === "pglite") return; // one connection: transactions cannot interleave there
    const late = heldChange(domain, "late");
    await sleep(50);
    await recordChange(domain.db, { kind: "token", project: "early" });
    await until(() => seen.includes("token:early"));
    late.release();
    await late.done;
    await until(() => seen.includes("token:late"));
    expect(seen.filter((s) => s === "token:late")).toHaveLength(1);
  });

  it.runIf(database.name === "pglite")("on PGlite there is no other process to follow: nothing is read back", async () => {
    domain = await database.open();
    const bus = new ChangeBus();
    const seen = seenOn(bus);
    const stopFollowing = await followChanges({ ...domain, bus }, { safetyPollMs: 10 });
    await recordChange(domain.db, { kind: "token", project: "mine" });
    await sleep(100);
    await stopFollowing();
    expect(seen).toEqual([]);
  });
});

const postgres = testDatabases.find((d) => d.name === "postgres");

describe.runIf(postgres)("LISTEN/NOTIFY between two domains on one Postgres database", () => {
  let a: Domain;
  let b: Domain;
  let stopFollowing: (() => Promise<void>) | undefined;
  let admin: pg.Client | undefined;
  let bDir = "";

  const listenerStates: string[] = [];

  async function open(): Promise<string[]> {
    if (!postgres) throw new Error("no postgres");
    a = await postgres.open();
    const target = a.database.target;
    if (target.kind !== "postgres") throw new Error("expected a Postgres domain");
    bDir = mkdtempSync(join(tmpdir(), "gh-follow-"));
    b = await openDomain({ dataDir: bDir, databaseUrl: target.url });
    admin = new pg.Client({ connectionString: target.url });
    await admin.connect();
    const seen = seenOn(b.bus);
    listenerStates.length = 0;
    stopFollowing = await followChanges(b, { ...NO_POLL, onListenerState: (state, reason) => listenerStates.push(reason ? `${state}: ${reason}` : state) });
    await until(async () => (await listenerPids()).length === 1);
    return seen;
  }

  async function listenerPids(): Promise<number[]> {
    const r = await admin?.query<{ pid: number }>("select pid from pg_stat_activity where datname = current_database() and application_name = $1", [LISTENER_APPLICATION_NAME]);
    return (r?.rows ?? []).map((row) => row.pid);
  }

  afterEach(async () => {
    await stopFollowing?.();
    await admin?.end();
    await b?.close();
    await a?.close();
    if (bDir) rmSync(bDir, { recursive: true, force: true });
  });

  // The safety poll is 60 s away and `until` gives up after 5 s, so each arrival came by NOTIFY; how fast is not timed here.
  it("a change committed through one domain reaches the other by NOTIFY, without waiting for a poll", async () => {
    const seen = await open();
    for (let i = 0; i < 5; i++) {
      await recordChange(a.db, { kind: "token", project: `n${i}` });
      await until(() => seen.includes(`token:n${i}`));
    }
    expect(seen.filter((s) => s.startsWith("token:n"))).toEqual(["token:n0", "token:n1", "token:n2", "token:n3", "token:n4"]);
  });

  it("a terminated listening connection reconnects and catches up on what was committed meanwhile", async () => {
    const seen = await open();
    const [before] = await listenerPids();
    await admin?.query("select pg_terminate_backend($1)", [before]);
    // Committed while no one listens: only the catch-up read after reconnecting can find it.
    await recordChange(a.db, { kind: "repo", project: "while-down" });
    await until(() => seen.includes("repo:while-down"));
    const after = await listenerPids();
    expect(after).toHaveLength(1);
    expect(after).not.toContain(before);
    // And notifications flow again on the new connection.
    await recordChange(a.db, { kind: "repo", project: "after" });
    await until(() => seen.includes("repo:after"), 1_000);
    // The node can log the outage: reported once, with the server's reason, then its end.
    expect(listenerStates).toEqual([expect.stringMatching(/^dropped: 57P01/), "listening"]);
  });

  it("a change that commits after a higher id was read is still delivered, once", async () => {
    const seen = await open();
    const late = heldChange(a, "late");
    await sleep(50);
    await recordChange(a.db, { kind: "token", project: "early" });
    await until(() => seen.includes("token:early"));
    late.release();
    await late.done;
    await until(() => seen.includes("token:late"), 1_000);
    await sleep(50);
    expect(seen.filter((s) => s === "token:late")).toHaveLength(1);
  });
});
