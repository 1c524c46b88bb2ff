import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { type BatchOutcome, type Domain, LOCAL_ACTOR, createSource, listAuditEvents, listSourceFiles, publishBatch } from "../src/index.js";
import { testDatabases } from "./databases.js";
import { type WheelBytes, wheelBytes, zipBytes } from "./support/wheel-bytes.js";

function upload(w: WheelBytes) {
  return { filename: w.filename, open: () => [w.bytes] };
}

function counts(outcomes: readonly BatchOutcome[]) {
  return {
    added: outcomes.filter((o) => o.status === "added").length,
    skipped: outcomes.filter((o) => o.status === "skipped").length,
    refused: outcomes.filter((o) => o.status === "refused").length,
  };
}

/** A `.zip` sdist (legacy form, still read): `<name>-<version>/PKG-INFO`. */
function zipSdist(filename: string, name: string, version: string): WheelBytes {
  const dir = filename.replace(/\.zip$/, "");
  return { filename, bytes: zipBytes([[`${dir}/PKG-INFO`, `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\n\n`]]) };
}

describe.each(testDatabases)("publishBatch on $name", (database) => {
  let domain: Domain;
  afterEach(async () => {
    await domain?.close();
  });

  async function open(): Promise<Domain> {
    domain = await database.open();
    await createSource(domain, LOCAL_ACTOR, { name: "bulk", kind: "python" });
    return domain;
  }

  it("makes every added file durable and visible before it resolves: rows, blobs, PEP 658 metadata, audit", async () => {
    await open();
    const wheels = Array.from({ length: 20 }, (_, i) => wheelBytes(`bulk-pkg-${i}`, "1.0"));
    const outcomes = await publishBatch(domain, LOCAL_ACTOR, { source: "bulk", files: wheels.map(upload) });
    expect(counts(outcomes)).toEqual({ added: 20, skipped: 0, refused: 0 });
    const files = await listSourceFiles(domain, LOCAL_ACTOR, { source: "bulk" });
    expect(files.map((f) => f.filename).sort()).toEqual(wheels.map((w) => w.filename).sort());
    for (const f of files) {
      expect(await domain.blobs.stat(f.sha256)).toEqual({ size: f.size });
      const metadataSha = f.metadata.coreMetadataSha256 as string;
      expect((await domain.blobs.readBytes(metadataSha)).toString()).toContain(`Name: ${f.name}`);
    }
    const audit = await listAuditEvents(domain, LOCAL_ACTOR, { action: "file.publish", limit: 100 });
    expect(audit).toHaveLength(20);
  });

  it("on a re-run skips files already there with the same bytes, refuses a name with other bytes, adds the rest", async () => {
    await open();
    const first = [wheelBytes("resume-a", "1.0"), wheelBytes("resume-b", "1.0")];
    expect(counts(await publishBatch(domain, LOCAL_ACTOR, { source: "bulk", files: first.map(upload) }))).toEqual({ added: 2, skipped: 0, refused: 0 });
    const changedB = wheelBytes("resume-b", "1.0", "Summary: rebuilt\n");
    const again = await publishBatch(domain, LOCAL_ACTOR, { source: "bulk", files: [upload(first[0] as WheelBytes), upload(changedB), upload(wheelBytes("resume-c", "1.0"))] });
    expect(again.map((o) => o.status)).toEqual(["skipped", "refused", "added"]);
    const refused = again[1];
    expect(refused?.status === "refused" && refused.code).toBe("ALREADY_EXISTS");
    expect(refused?.status === "refused" && refused.reason).toMatch(/resume_b-1\.0-py3-none-any\.whl already exists in source 'bulk'.*sha256 [0-9a-f]{64}, this one [0-9a-f]{64}/);
    expect((await listSourceFiles(domain, LOCAL_ACTOR, { source: "bulk" })).map((f) => f.filename).sort()).toEqual([
      "resume_a-1.0-py3-none-any.whl",
      "resume_b-1.0-py3-none-any.whl",
      "resume_c-1.0-py3-none-any.whl",
    ]);
  });

  it("refuses bad files one by one with their code and reason, and publishes the others", async () => {
    await open();
    const good = wheelBytes("mixed-good", "2.0");
    const outcomes = await publishBatch(domain, LOCAL_ACTOR, {
      source: "bulk",
      files: [
        { filename: "../escape-1.0-py3-none-any.whl", open: () => [good.bytes] },
        { filename: "broken-1.0-py3-none-any.whl", open: () => [Buffer.from("not a zip at all")] },
        { filename: "notes.txt", open: () => [Buffer.from("hello")] },
        upload(good),
        upload(good),
        zipSdist("twice-1.0.zip", "twice", "1.0"),
        zipSdist("Twice-1.0.0.zip", "Twice", "1.0.0"),
      ].map((f) => ("open" in f ? f : upload(f))),
    });
    expect(outcomes.map((o) => [o.filename, o.status, o.status === "refused" ? o.code : ""])).toEqual([
      ["../escape-1.0-py3-none-any.whl", "refused", "INVALID_INPUT"],
      ["broken-1.0-py3-none-any.whl", "refused", expect.stringMatching(/INVALID_INPUT|ARCHIVE_INVALID/)],
      ["notes.txt", "refused", "INVALID_INPUT"],
      [good.filename, "added", ""],
      [good.filename, "skipped", ""],
      ["twice-1.0.zip", "added", ""],
      ["Twice-1.0.0.zip", "refused", "CONFLICT"],
    ]);
    for (const o of outcomes) if (o.status === "refused") expect(o.reason.length).toBeGreaterThan(10);
    expect((await listSourceFiles(domain, LOCAL_ACTOR, { source: "bulk" })).map((f) => f.filename).sort()).toEqual([good.filename, "twice-1.0.zip"]);
  });

  it("leaves nothing of the batch visible when the database fails midway", async () => {
    await open();
    // A real failure inside the batch's transaction, after some of its rows were written.
    await sql`create function refuse_third() returns trigger language plpgsql as $$ begin
      if new.filename like 'midway_2-%' then raise exception 'disk on fire'; end if; return new; end $$`.execute(domain.db);
    await sql`create trigger refuse_third before insert on package_files for each row execute function refuse_third()`.execute(domain.db);
    const wheels = Array.from({ length: 5 }, (_, i) => wheelBytes(`midway-${i}`, "1.0"));
    await expect(publishBatch(domain, LOCAL_ACTOR, { source: "bulk", files: wheels.map(upload) })).rejects.toThrow(/disk on fire/);
    expect(await listSourceFiles(domain, LOCAL_ACTOR, { source: "bulk", includeRemoved: true })).toEqual([]);
    expect(await listAuditEvents(domain, LOCAL_ACTOR, { action: "file.publish" })).toEqual([]);
    const packages = await domain.db.selectFrom("packages").select("project").execute();
    expect(packages).toEqual([]);
    await sql`drop trigger refuse_third on package_files`.execute(domain.db);
    expect(counts(await publishBatch(domain, LOCAL_ACTOR, { source: "bulk", files: wheels.map(upload) }))).toEqual({ added: 5, skipped: 0, refused: 0 });
  });

  it("refuses the whole batch for a source that does not exist or takes no uploads", async () => {
    await open();
    await expect(publishBatch(domain, LOCAL_ACTOR, { source: "nope", files: [upload(wheelBytes("x", "1.0"))] })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
