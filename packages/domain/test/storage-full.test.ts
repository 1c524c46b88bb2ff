import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FsBlobStore, isDomainError } from "../src/index.js";

// A real full filesystem: a 1 MiB tmpfs (root only; CI runs as root and must not skip).
const root = mkdtempSync(join(tmpdir(), "gh-full-"));
const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", root]).status === 0;
afterAll(() => {
  if (mounted) spawnSync("umount", [root]);
  rmSync(root, { recursive: true, force: true });
});

describe.skipIf(!mounted && process.env.GATEHOUSE_REQUIRE_CLIENTS !== "1")("staging on a full disk", () => {
  it("stops with STORAGE_FULL naming ENOSPC and keeps nothing staged", async () => {
    expect(mounted, "mount -t tmpfs needs root").toBe(true);
    mkdirSync(join(root, "store"), { recursive: true });
    const store = new FsBlobStore(join(root, "store"));
    const chunks = Array.from({ length: 40 }, () => Buffer.alloc(64 * 1024, 1));
    const err = await store.stage(chunks, { maxBytes: 1 << 30 }).catch((e: unknown) => e);
    expect(isDomainError(err) && err.code).toBe("STORAGE_FULL");
    expect((err as Error).message).toMatch(/disk is full \(ENOSPC while staging the upload\).*gatehouse gc/);
    expect(readdirSync(join(root, "store", "tmp"))).toEqual([]);
    // Room again once space is freed: the same store stages and commits.
    const staged = await store.stage([Buffer.from("fits")], { maxBytes: 100 });
    await store.commit(staged);
    expect(await store.stat(staged.sha256)).toEqual({ size: 4 });
  });
});
