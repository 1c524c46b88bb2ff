import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Actor,
  type Domain,
  DomainError,
  LOCAL_ACTOR,
  TokenVerifier,
  addGroupMember,
  createGroup,
  createOrg,
  createRepo,
  createSource,
  grantAccess,
  listSourceFiles,
  publishBatch,
  publishFile,
  removeFiles,
  setPackageAccess,
  subscribe,
  yankFile,
} from "../src/index.js";
import { testDatabases } from "./databases.js";
import { actorWith } from "./identity-helpers.js";
import { type WheelBytes, wheelBytes } from "./support/wheel-bytes.js";

const SECRET_FILE = wheelBytes("Secret_Sauce", "1.0");

function publish(domain: Domain, actor: Actor, wheel: WheelBytes) {
  return publishFile(domain, actor, { source: "internal", filename: wheel.filename, body: Readable.from([wheel.bytes]) });
}

async function refusalOf(work: Promise<unknown>): Promise<DomainError> {
  const err = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(err)}`);
  return err;
}

/** Who publishes, and what each may do with a private package they do not all own. */
interface Row {
  who: string;
  actor: () => Actor;
  /** May publish new versions (and is told a taken filename is a 409). */
  publishes: boolean;
  /** Sees the package's files in a source listing. */
  sees: boolean;
}

// The owner and groups granted write/admin on a private package publish to it; everyone else with
// sources:write gets the one refusal of a name they may not use, and never learns its filenames.
describe.each(testDatabases)("private packages and uploaders on $name", (database) => {
  let domain: Domain;
  let verifier: TokenVerifier;
  const actors = new Map<string, Actor>();

  beforeAll(async () => {
    domain = await database.open();
    verifier = new TokenVerifier(domain);
    await createSource(domain, LOCAL_ACTOR, { name: "internal", kind: "python" });
    await createRepo(domain, LOCAL_ACTOR, { name: "pypi", type: "python", authenticated: false });
    await subscribe(domain, LOCAL_ACTOR, { repo: "pypi", source: "internal" });
    const writer = (user: string) => actorWith(domain, verifier, user, ["sources:write"], { sources: ["internal"] });
    actors.set("owner", await writer("olga"));
    actors.set("write", await writer("wally"));
    actors.set("read", await writer("rita"));
    actors.set("other", await writer("sam"));
    actors.set("admin", await actorWith(domain, verifier, "root", ["global:admin"]));
    await publish(domain, actors.get("owner") as Actor, SECRET_FILE);
    await publish(domain, LOCAL_ACTOR, wheelBytes("public-pkg", "1.0"));
    await setPackageAccess(domain, actors.get("owner") as Actor, { source: "internal", name: "secret-sauce", private: true });
    await createOrg(domain, LOCAL_ACTOR, { name: "ds" });
    for (const [group, user, permission] of [
      ["writers", "wally", "write"],
      ["readers", "rita", "read"],
    ] as const) {
      await createGroup(domain, LOCAL_ACTOR, { org: "ds", group });
      await addGroupMember(domain, LOCAL_ACTOR, { org: "ds", group, user });
      await grantAccess(domain, LOCAL_ACTOR, { org: "ds", group, repo: "pypi", package: "secret-sauce", permission });
    }
  });
  afterAll(async () => {
    await verifier?.close();
    await domain?.close();
  });

  const actor = (key: string) => () => actors.get(key) as Actor;
  const rows: Row[] = [
    { who: "the owner", actor: actor("owner"), publishes: true, sees: true },
    { who: "a member of a group granted write on the package", actor: actor("write"), publishes: true, sees: true },
    { who: "a member of a group granted read only", actor: actor("read"), publishes: false, sees: true },
    { who: "another sources:write token", actor: actor("other"), publishes: false, sees: false },
    { who: "an admin", actor: actor("admin"), publishes: true, sees: true },
  ];

  it.each(rows.map((r, i) => [r.who, r, i] as const))("%s: publish, batch publish, the taken-name answer and the listing", async (_who, row, i) => {
    const who = row.actor();
    const next = wheelBytes("secret.sauce", `1.${i + 1}`);
    const batchNext = wheelBytes("secret-sauce", `2.${i + 1}`);

    if (row.publishes) {
      expect((await publish(domain, who, next)).project).toBe("secret-sauce");
      const taken = await refusalOf(publish(domain, who, SECRET_FILE));
      expect(taken.code).toBe("ALREADY_EXISTS");
      expect(taken.message).toContain(SECRET_FILE.filename);
      const outcomes = await publishBatch(domain, who, { source: "internal", files: [{ filename: batchNext.filename, open: () => [batchNext.bytes] }] });
      expect(outcomes.map((o) => o.status)).toEqual(["added"]);
    } else {
      // One answer for a new version and for a filename the package holds: the refusal tells nothing about its files.
      const fresh = await refusalOf(publish(domain, who, next));
      const taken = await refusalOf(publish(domain, who, SECRET_FILE));
      expect([fresh.code, taken.code]).toEqual(["FORBIDDEN", "FORBIDDEN"]);
      expect(taken.message).toBe(fresh.message);
      expect(fresh.message).not.toMatch(/\.whl|1\.0/);
      const outcomes = await publishBatch(domain, who, {
        source: "internal",
        files: [SECRET_FILE, batchNext].map((w) => ({ filename: w.filename, open: () => [w.bytes] })),
      });
      expect(outcomes.map((o) => (o.status === "refused" ? [o.code, o.reason] : o.status))).toEqual([
        ["FORBIDDEN", fresh.message],
        ["FORBIDDEN", fresh.message],
      ]);
      // Nor may they remove or yank its files: to them the package is absent, as in the indexes.
      const removal = await refusalOf(removeFiles(domain, who, { source: "internal", name: "Secret_Sauce", version: "1.0" }));
      expect(removal.code).toBe("NOT_FOUND");
      const absent = "no_such-1.0-py3-none-any.whl";
      const [yank, yankAbsent] = [await refusalOf(yankFile(domain, who, { source: "internal", filename: SECRET_FILE.filename })), await refusalOf(yankFile(domain, who, { source: "internal", filename: absent }))];
      expect(yank.code).toBe("NOT_FOUND");
      expect(yank.message.replace(SECRET_FILE.filename, "F")).toBe(yankAbsent.message.replace(absent, "F"));
      const files = await listSourceFiles(domain, LOCAL_ACTOR, { source: "internal", project: "secret-sauce" });
      expect(files.map((f) => f.version)).not.toContain(`1.${i + 1}`);
      expect(files.find((f) => f.filename === SECRET_FILE.filename)).toMatchObject({ removedAt: null, yankedReason: null });
    }

    const listed = await listSourceFiles(domain, who, { source: "internal" });
    expect(listed.some((f) => f.project === "public-pkg")).toBe(true);
    expect(listed.some((f) => f.filename === SECRET_FILE.filename)).toBe(row.sees);
  });

  it("keeps a package that is not private open to every sources:write token of the source", async () => {
    const other = actors.get("other") as Actor;
    expect((await publish(domain, other, wheelBytes("public-pkg", "1.1"))).project).toBe("public-pkg");
    expect((await refusalOf(publish(domain, other, wheelBytes("public-pkg", "1.0")))).code).toBe("ALREADY_EXISTS");
  });
});
