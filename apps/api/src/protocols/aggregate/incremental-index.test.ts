import { createHash } from "node:crypto";
import { type Actor, ANONYMOUS_ACTOR, type Domain, LOCAL_ACTOR, type PackageFileRow, type RepoReader, TokenVerifier, createBlocklistRule, createRepo, createSource, createToken, deleteBlocklistRule, editFileLabels, newId, removeFiles, setPackageAccess, subscribe, yankFile } from "@gatehouse/domain";
import { SIMPLE_JSON_CONTENT_TYPE } from "@gatehouse/repo-index";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type InMemoryApp, openInMemoryApp } from "../../../test/support/in-memory-app.js";
import { renderRepodataPage } from "../conda/conda-pages.js";
import { buildPackagesEntries } from "../cran/packages-entries.js";
import { renderPackagesIndex } from "../cran/packages-index.js";
import { renderRootPage } from "../python/simple-root.js";

// The incremental aggregate indexes must serve exactly what a full render of the same rows serves,
// for every viewer, after any sequence of publishes, removals, yanks, label edits, blocklist rules
// and private packages. Each kind runs seeded random sequences against the real app and domain;
// after every step each aggregate URL is fetched plain and gzipped and compared with the full
// renderers (renderRepodata, renderPackagesFile/serializePackagesRds, renderSimpleRoot*).

type Kind = "conda" | "r" | "python";

interface Viewer {
  name: string;
  actor: () => Actor;
  request: (path: string, init: RequestInit) => Promise<Response>;
}

/** One aggregate URL: the request headers and the bytes a full render gives this reader. */
interface Target {
  path: string;
  accept?: string;
  expected: (reader: RepoReader) => Promise<Buffer>;
  /** The body is a gzip file (PACKAGES.gz, PACKAGES.rds): compare what it unpacks to. */
  gzipFile?: boolean;
}

const BASE = 520; // more than two chunks, so edits land in the first, a middle and the last one
const POOL = ["aaa-first", "mid-one", "mid-two", "pkg-0300x", "zzz-last", "zzz-omega"];
const STEPS = 16;
const SEEDS = [1, 2];

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A file row as publishFile stores it after inspecting the file. */
type SeedFile = Omit<PackageFileRow, "metadata" | "upstream_url"> & { metadata: string };

/** Inserts inspected files with their package rows and labels, as publishFile's transaction does (without archives). */
async function seedFiles(domain: Domain, files: readonly SeedFile[], options: { labels?: readonly string[] } = {}): Promise<void> {
  for (let start = 0; start < files.length; start += 500) {
    const chunk = files.slice(start, start + 500);
    await domain.db.insertInto("package_files").values(chunk).execute();
    const labels = chunk.flatMap((f) => (options.labels ?? []).map((label) => ({ file_id: f.id, label, added_at: f.published_at, removed_at: null })));
    if (labels.length > 0) await domain.db.insertInto("file_labels").values(labels).execute();
    const packages = chunk.map((f) => ({ source_id: f.source_id, project: f.project, private: false, owner_id: null, updated_at: f.published_at }));
    await domain.db.insertInto("packages").values(packages).onConflict((oc) => oc.columns(["source_id", "project"]).doNothing()).execute();
  }
}

const hex = (s: string) => createHash("sha256").update(s).digest("hex");

function fileRow(kind: Kind, sourceId: string, project: string, version: string, at: Date, spelling = project): SeedFile {
  const common = { id: newId("file"), source_id: sourceId, project, version, sha256: "", md5: "", size: 100, subdir: null, bioc_version: null, uploaded_by: "test", published_at: at, removed_at: null, yanked_reason: null };
  if (kind === "conda") {
    const filename = `${project}-${version}-0.${version.endsWith("1") ? "tar.bz2" : "conda"}`;
    const sha256 = hex(`${sourceId}${filename}`);
    const record = { build: "0", build_number: 0, depends: [`dep-${project} >=1`], license: "MIT", md5: sha256.slice(0, 32), name: project, sha256, size: 100, subdir: "linux-64", timestamp: 1_700_000_000_000, version };
    return { ...common, filename, name: project, kind: "conda", sha256, md5: record.md5, subdir: "linux-64", metadata: JSON.stringify({ record, format: filename.endsWith(".conda") ? "conda" : "tar.bz2" }) };
  }
  if (kind === "r") {
    const filename = `${project}_${version}.tar.gz`;
    const sha256 = hex(`${sourceId}${filename}`);
    const fields = { Package: project, Version: version, Imports: `dep.${project.length}, other (>= ${version})`, License: "MIT", NeedsCompilation: "no", Description: "x".repeat(project.length * 7) };
    return { ...common, filename, name: project, kind: "r-source", sha256, md5: sha256.slice(0, 32), metadata: JSON.stringify({ fields }) };
  }
  const filename = `${spelling.replace(/-/g, "_")}-${version}-py3-none-any.whl`;
  const sha256 = hex(`${sourceId}${filename}`);
  return { ...common, filename, name: spelling, kind: "wheel", sha256, md5: sha256.slice(0, 32), metadata: JSON.stringify({ requiresPython: ">=3.8" }) };
}

function targetsOf(kind: Kind, repo: string): Target[] {
  if (kind === "conda") {
    const conda = (label: string) => async (reader: RepoReader) => (await renderRepodataPage(reader, null, label, "linux-64")).body;
    return [
      { path: `/${repo}/linux-64/repodata.json`, expected: conda("main") },
      { path: `/${repo}/label/dev/linux-64/repodata.json`, expected: conda("dev") },
    ];
  }
  if (kind === "r") {
    // One full render per reader serves the three files' expectations.
    const renders = new WeakMap<RepoReader, ReturnType<typeof renderPackagesIndex>>();
    const full = async (reader: RepoReader) => {
      const hit = renders.get(reader);
      if (hit) return hit;
      const index = renderPackagesIndex(buildPackagesEntries(await reader.files(null, {})));
      renders.set(reader, index);
      return index;
    };
    return [
      { path: `/${repo}/src/contrib/PACKAGES`, expected: async (r) => (await full(r)).plain.body },
      { path: `/${repo}/src/contrib/PACKAGES.gz`, expected: async (r) => (await full(r)).plain.body, gzipFile: true },
      { path: `/${repo}/src/contrib/PACKAGES.rds`, expected: async (r) => gunzipSync((await full(r)).rds.body), gzipFile: true },
    ];
  }
  const root = (type: string) => async (reader: RepoReader) => renderRootPage(await reader.files(null), type).body;
  return [
    { path: `/${repo}/simple/`, accept: SIMPLE_JSON_CONTENT_TYPE, expected: root(SIMPLE_JSON_CONTENT_TYPE) },
    { path: `/${repo}/simple/`, expected: root("text/html; charset=utf-8") },
  ];
}

describe.each<Kind>(["conda", "r", "python"])("incremental %s index equals a full render", (kind) => {
  let t: InMemoryApp;
  let verifier: TokenVerifier;
  let viewers: Viewer[] = [];
  const repoType = kind === "python" ? "python" : kind;

  beforeAll(async () => {
    t = await openInMemoryApp({ tempPrefix: `gh-incr-${kind}-` });
    verifier = new TokenVerifier(t.domain);
    const { token } = await createToken(t.domain, LOCAL_ACTOR, { scopes: ["repos:read"], repos: "*", description: "owner of private packages", user: "alice" });
    const verified = await verifier.verify(token);
    if (!verified.ok) throw new Error("token did not verify");
    const alice = verified.actor;
    viewers = [
      { name: "anonymous", actor: () => ANONYMOUS_ACTOR, request: (path, init) => t.app.request(path, init) },
      { name: "admin", actor: () => LOCAL_ACTOR, request: (path, init) => t.asAdmin(path, init) },
      { name: "alice", actor: () => alice, request: (path, init) => t.app.request(path, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` } }) },
    ];
  }, 60_000);
  afterAll(async () => {
    await verifier?.close();
    await t?.close();
  });

  it.each(SEEDS)("seed %i", { timeout: 120_000 }, async (seed) => {
    const { domain } = t;
    const random = mulberry32(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const repo = `repo-${seed}`;
    const sources = [`first-${seed}`, `second-${seed}`];
    const ids: string[] = [];
    for (const name of sources) ids.push((await createSource(domain, LOCAL_ACTOR, { name, kind: repoType })).id);
    await createRepo(domain, LOCAL_ACTOR, { name: repo, type: repoType, authenticated: false });
    for (const name of sources) await subscribe(domain, LOCAL_ACTOR, { repo, source: name });
    let clock = Date.parse("2026-01-01T00:00:00Z");
    const labels = kind === "conda" ? { labels: ["main"] } : {};
    const base = Array.from({ length: BASE }, (_, i) => fileRow(kind, ids[0] ?? "", `pkg-${String(i).padStart(4, "0")}`, "1.0.1", new Date(clock++)));
    await seedFiles(domain, base, labels);
    const live: SeedFile[] = [...base];
    // Filenames are never reused, even after a removal.
    const used = new Set(base.map((f) => `${f.source_id}/${f.filename}`));
    const rules: string[] = [];
    const privates = new Set<string>();
    const projects = [...POOL, "pkg-0000", "pkg-0255", "pkg-0256", "pkg-0599"];

    async function publish(): Promise<string> {
      const source = Math.floor(random() * 2);
      const project = pick(projects);
      const version = `${1 + Math.floor(random() * 3)}.0.${Math.floor(random() * 2)}`;
      const sourceId = ids[source] ?? "";
      // python: the listed name follows the newest upload's spelling
      const spelling = kind === "python" && random() < 0.5 ? project.toUpperCase().replace(/-/g, "_") : project;
      const row = fileRow(kind, sourceId, project, version, new Date(clock++), spelling);
      const id = `${sourceId}/${row.filename}`;
      if (used.has(id) || live.some((f) => f.source_id === sourceId && f.project === project && f.version === version)) return "publish (exists)";
      used.add(id);
      await seedFiles(domain, [row], labels);
      live.push(row);
      // What publishFile announces after its commit.
      domain.bus.publish({ kind: "package", sourceId, project });
      return `publish ${sources[source]} ${project} ${version}`;
    }

    const steps: (() => Promise<string>)[] = [
      publish,
      publish,
      async () => {
        const f = pick(live);
        const source = sources[ids.indexOf(f.source_id)] ?? "";
        await removeFiles(domain, LOCAL_ACTOR, { source, name: f.project, version: f.version });
        live.splice(0, live.length, ...live.filter((x) => !(x.source_id === f.source_id && x.project === f.project && x.version === f.version)));
        return `remove ${source} ${f.project} ${f.version}`;
      },
      async () => {
        const project = pick(projects);
        const source = pick(sources);
        const makePrivate = !privates.has(`${source}/${project}`);
        try {
          await setPackageAccess(domain, LOCAL_ACTOR, { source, name: project, private: makePrivate, owner: random() < 0.5 ? "alice" : null });
        } catch {
          return `private ${project}: no such package`;
        }
        if (makePrivate) privates.add(`${source}/${project}`);
        else privates.delete(`${source}/${project}`);
        return `private ${source} ${project} ${makePrivate}`;
      },
      async () => {
        if (rules.length > 0 && random() < 0.4) {
          await deleteBlocklistRule(domain, LOCAL_ACTOR, rules.shift() ?? "");
          return "unblock";
        }
        const project = pick(projects);
        const scoped = random() < 0.5;
        const versions = !scoped || random() < 0.5 ? null : kind === "r" ? ">= 2.0.0" : ">=2";
        rules.push((await createBlocklistRule(domain, LOCAL_ACTOR, { name: project, versions, repo: scoped ? repo : null, reason: "test" })).id);
        return `block ${project} ${versions ?? "*"}`;
      },
      async () => {
        const f = pick(live);
        const source = sources[ids.indexOf(f.source_id)] ?? "";
        if (kind === "python") {
          await yankFile(domain, LOCAL_ACTOR, { source, filename: f.filename, reason: "bad", undo: random() < 0.3 });
          return `yank ${f.filename}`;
        }
        if (kind === "conda") {
          try {
            await editFileLabels(domain, LOCAL_ACTOR, random() < 0.6 ? { source, filename: f.filename, add: ["dev"] } : { source, filename: f.filename, remove: ["main"] });
          } catch {
            return `label ${f.filename}: no change`;
          }
          return `label ${f.filename}`;
        }
        return publish();
      },
    ];

    const history: string[] = ["seeded"];
    for (let step = 0; step <= STEPS; step++) {
      if (step > 0) history.push(await (pick(steps) as () => Promise<string>)());
      for (const viewer of viewers) {
        const reader = await domain.catalog.reader(viewer.actor(), repo);
        for (const target of targetsOf(kind, repo)) {
          const expected = await target.expected(reader);
          for (const encoding of ["identity", "gzip"]) {
            const headers: Record<string, string> = { "accept-encoding": encoding, ...(target.accept ? { accept: target.accept } : {}) };
            const res = await viewer.request(target.path, { headers });
            expect(res.status, target.path).toBe(200);
            const raw = Buffer.from(await res.arrayBuffer());
            // fetch() in app.request does not decode; a gzip answer or file unpacks to the same bytes.
            const body = target.gzipFile || res.headers.get("content-encoding") === "gzip" ? gunzipSync(raw) : raw;
            if (!body.equals(expected)) {
              expect.fail(`${kind} seed ${seed}, ${viewer.name}, ${target.path} (${encoding}) differs from a full render after: ${history.join("; ")}`);
            }
          }
        }
      }
    }
  });
});
