// Time to publish one R source package (stage + hash + read DESCRIPTION + commit blob + record) into a
// source whose repo already holds 1,000 or 25,000 packages, through the domain as `gatehouse add` does,
// on the zero-config database (PGlite on disk). Goal: p50 ≤ 20 ms and flat in the repo's size, because a
// publish never renders an index; it only marks that package changed.
// The last column is what that costs later: the first PACKAGES.gz request after a publish re-reads that
// package and re-renders the chunk of the index it sits in (see index-after-publish for all aggregate
// indexes against their goal), timed over HTTP on the real server.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { loadConfig, startServer } from "@gatehouse/api";
import { type Domain, LOCAL_ACTOR, createRepo, createSource, newId, publishFile, subscribe } from "@gatehouse/domain";
import { type SeedFile, seedFiles } from "@gatehouse/domain/test-support";
import { percentile } from "../support/stats.js";

const SIZES = [1_000, 25_000];
const PUBLISHES = 50;
const WARMUP = 5;
const GOAL_MS = 20;

function tarGz(members: { name: string; data: string }[]): Buffer {
  const blocks: Buffer[] = [];
  for (const m of members) {
    const data = Buffer.from(m.data);
    const h = Buffer.alloc(512);
    h.write(m.name, 0);
    h.write("0000644\0", 100);
    h.write(`${data.length.toString(8).padStart(11, "0")}\0`, 124);
    h.write("00000000000\0", 136);
    h.write("        ", 148);
    h.write("0", 156);
    h.write("ustar\0", 257);
    h.write("00", 263);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
    blocks.push(h, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

function makePackage(name: string): Buffer {
  const description = `Package: ${name}\nVersion: 1.0.0\nTitle: Bench\nDescription: A benchmark package.\nImports: base1, base2 (>= 1.0)\nLicense: MIT\nNeedsCompilation: no\n`;
  return tarGz([
    { name: `${name}/DESCRIPTION`, data: description },
    { name: `${name}/NAMESPACE`, data: "export(f)\n" },
    { name: `${name}/R/f.R`, data: `f <- function() "${"x".repeat(4000)}"\n` },
  ]);
}

/** Seeds `count` R packages (as if published long ago). */
async function populate(domain: Domain, sourceId: string, count: number): Promise<void> {
  const at = new Date(Date.now() - 86_400_000);
  const files: SeedFile[] = [];
  for (let i = 0; i < count; i++) {
    const project = `pkg${i}`;
    const fields = { Package: project, Version: "1.0", Title: "P", Imports: `pkg${i + 1}`, License: "GPL-3", NeedsCompilation: "no" };
    const hex = i.toString(16).padStart(8, "0");
    files.push({
      id: newId("file"),
      source_id: sourceId,
      filename: `${project}_1.0.tar.gz`,
      project,
      name: project,
      version: "1.0",
      kind: "r-source" as const,
      sha256: hex.repeat(8),
      md5: hex.repeat(4),
      size: 1000,
      subdir: null,
      bioc_version: null,
      metadata: JSON.stringify({ fields }),
      uploaded_by: "local",
      published_at: at,
      removed_at: null,
      yanked_reason: null,
    });
  }
  await seedFiles(domain, files);
}

async function measure(size: number): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), "gh-bench-r-"));
  const server = await startServer(loadConfig({}, { dataDir, port: 0, logLevel: "silent" }));
  const { domain } = server;
  try {
    const source = await createSource(domain, LOCAL_ACTOR, { name: "uploads", kind: "r" });
    await createRepo(domain, LOCAL_ACTOR, { name: "cran", type: "r", authenticated: false });
    await subscribe(domain, LOCAL_ACTOR, { repo: "cran", source: "uploads" });
    await populate(domain, source.id, size);
    const get = () => fetch(`${server.url}/cran/latest/src/contrib/PACKAGES.gz`).then((r) => r.arrayBuffer());

    const times: number[] = [];
    const renders: number[] = [];
    for (let i = 0; i < WARMUP + PUBLISHES; i++) {
      const name = `new${i}`;
      const body = makePackage(name);
      const start = process.hrtime.bigint();
      await publishFile(domain, LOCAL_ACTOR, { source: "uploads", filename: `${name}_1.0.0.tar.gz`, body: [body] });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      // Every tenth publish, time the index render it causes (outside the publish timing).
      if (i >= WARMUP) times.push(ms);
      if (i % 10 === 0) {
        const t0 = process.hrtime.bigint();
        await get();
        if (i >= WARMUP) renders.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }
    times.sort((a, b) => a - b);
    renders.sort((a, b) => a - b);
    const p50 = percentile(times, 50);
    const verdict = p50 <= GOAL_MS ? "ok" : "OVER GOAL";
    return `${size.toLocaleString("en").padStart(8)}${p50.toFixed(1).padStart(10)}${percentile(times, 99).toFixed(1).padStart(10)}${(times.at(-1) ?? 0).toFixed(1).padStart(10)}${percentile(renders, 50).toFixed(0).padStart(16)}   ${verdict}`;
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(`r-publish: one R package published into a repo of N packages (${PUBLISHES} publishes after ${WARMUP} warm-up; PGlite on disk; goal p50 ≤ ${GOAL_MS} ms)\n`);
console.log(`${"N".padStart(8)}${"p50 ms".padStart(10)}${"p99 ms".padStart(10)}${"max ms".padStart(10)}${"next .gz ms".padStart(16)}`);
for (const size of SIZES) console.log(await measure(size));
