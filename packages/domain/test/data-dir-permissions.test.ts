import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LOCAL_ACTOR, createRepo, describeLooseEntries, openDomain, secureDataDir } from "../src/index.js";

/** Every entry under a folder (the folder too) that has a group or other permission bit, with its mode. */
function openToOthers(root: string): string[] {
  const found: string[] = [];
  const visit = (path: string) => {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return;
    if (stat.mode & 0o077) found.push(`${path} 0${(stat.mode & 0o777).toString(8)}`);
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(root);
  return found;
}

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "gh-perms-"));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(process.platform === "win32")("data folder permissions", () => {
  it("creates a missing data folder 0700", async () => {
    const dataDir = join(work, "new", "data");
    const report = await secureDataDir(dataDir);
    expect(report).toMatchObject({ created: true, loose: [] });
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
  });

  it("makes an open folder owner-only (folders 0700, files 0600), names what it fixed, and never follows a symlink out", async () => {
    const dataDir = join(work, "data");
    const outside = join(work, "outside.txt");
    mkdirSync(join(dataDir, "pgdata", "base"), { recursive: true });
    writeFileSync(join(dataDir, "pgdata", "base", "1"), "x");
    writeFileSync(outside, "not ours");
    symlinkSync(outside, join(dataDir, "link"));
    for (const p of [dataDir, join(dataDir, "pgdata"), join(dataDir, "pgdata", "base")]) chmodSync(p, 0o777);
    chmodSync(join(dataDir, "pgdata", "base", "1"), 0o666);
    chmodSync(outside, 0o644);

    const report = await secureDataDir(dataDir);
    expect(report.loose.map((e) => [e.path, e.mode, e.fixed])).toEqual([
      [dataDir, 0o777, true],
      [join(dataDir, "pgdata"), 0o777, true],
      [join(dataDir, "pgdata", "base"), 0o777, true],
      [join(dataDir, "pgdata", "base", "1"), 0o666, true],
    ]);
    expect(openToOthers(dataDir)).toEqual([]);
    expect(statSync(join(dataDir, "pgdata", "base", "1")).mode & 0o777).toBe(0o600);
    expect(statSync(outside).mode & 0o777).toBe(0o644);
    expect(describeLooseEntries(report)).toBe(
      `data folder ${dataDir}: 4 entries were open to other users and are now owner-only: ${dataDir} (0777), ${join(dataDir, "pgdata")} (0777), ${join(dataDir, "pgdata", "base")} (0777), ${join(dataDir, "pgdata", "base", "1")} (0666)`,
    );
  });

  it("leaves nothing open to others after a fresh embedded database is made and used; a later start on a 0777 folder warns naming it and fixes it", async () => {
    const dataDir = join(work, "data");
    const warnings: string[] = [];
    const onDataDirWarning = (message: string) => warnings.push(message);
    const domain = await openDomain({ dataDir, role: "test", onDataDirWarning });
    try {
      await createRepo(domain, LOCAL_ACTOR, { name: "pypi", type: "python" });
      await domain.blobs.putBytes(new TextEncoder().encode("a stored file"));
      // New relation files and their forks are made while running, after any sweep at start.
      await sql`create table perms_probe (id int primary key, body text)`.execute(domain.db);
      await sql`insert into perms_probe select g, repeat('x', 200) from generate_series(1, 2000) g`.execute(domain.db);
      await sql`vacuum perms_probe`.execute(domain.db);
      await sql`checkpoint`.execute(domain.db);
      expect(openToOthers(dataDir)).toEqual([]);
    } finally {
      await domain.close();
    }
    expect(openToOthers(dataDir)).toEqual([]);
    expect(warnings).toEqual([]);

    chmodSync(dataDir, 0o777);
    const again = await openDomain({ dataDir, role: "test", onDataDirWarning });
    await again.close();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`data folder ${dataDir}: 1 entry was open to other users and is now owner-only: ${dataDir} (0777)`);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
  });
});

describe.skipIf(process.platform === "win32")("data folder permissions, pointed at the wrong folder", () => {
  it("leaves files Gatehouse does not keep alone, and does not close a shared sticky folder", async () => {
    const dataDir = join(work, "home");
    mkdirSync(join(dataDir, "public_html"), { recursive: true });
    writeFileSync(join(dataDir, "public_html", "index.html"), "hi");
    chmodSync(join(dataDir, "public_html"), 0o755);
    chmodSync(join(dataDir, "public_html", "index.html"), 0o644);
    mkdirSync(join(dataDir, "files"));
    chmodSync(join(dataDir, "files"), 0o755);
    chmodSync(dataDir, 0o1777);

    const report = await secureDataDir(dataDir);
    expect(statSync(join(dataDir, "public_html")).mode & 0o777).toBe(0o755);
    expect(statSync(join(dataDir, "public_html", "index.html")).mode & 0o777).toBe(0o644);
    expect(statSync(join(dataDir, "files")).mode & 0o777).toBe(0o700);
    expect(statSync(dataDir).mode & 0o7777).toBe(0o1777);
    expect(describeLooseEntries(report)).toBe(
      `data folder ${dataDir}: 1 entry was open to other users and is now owner-only: ${join(dataDir, "files")} (0755); 1 could not be made owner-only: ${dataDir} (01777: a shared folder (sticky bit): give Gatehouse a folder of its own)`,
    );
  });
});
