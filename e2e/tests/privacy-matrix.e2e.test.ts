import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasClient } from "../support/clients.js";
import { type RunningGatehouse, startGatehouse } from "../support/gatehouse.js";
import { type Fetched, type Presentation, fetchPath, readErrorBody } from "../support/http-fetch.js";
import {
  gunzipStrict,
  rdsHoldsString,
  readApiPackages,
  readChanneldataPackages,
  readPackagesStanzas,
  readRepodataFilenames,
  readSimpleHtmlLinks,
  readSimpleJsonFiles,
  readSimpleJsonProjects,
} from "../support/index-readers.js";
import {
  BLOCK_REASON,
  type Exposure,
  type Item,
  type PrivacyWorld,
  REPO_TYPES,
  type RepoType,
  type TypeFixture,
  VIEWERS,
  type Viewer,
  buildPrivacyPackages,
  callAdminApi,
  removePrivacyPackages,
  setUpPrivacyWorld,
} from "../support/privacy-world.js";
import { serverDatabaseVariants } from "../support/server-databases.js";

// The read rule of Gatehouse across its whole matrix (STYLE.md, "Test the rule across its matrix"):
// every repo type × public/authenticated repo × every kind of viewer × every read path, on the real
// server, on PGlite and on a Postgres server. Adding a read path to the server means adding a row below.
//
// The rule: `pub` 2.0 is listed to everyone who may read the repo; `pub` 1.0 is blocklisted, so it is
// listed to no one and its download answers 403 with the rule's reason; `secret` is private, so only
// its owner, members of a group granted on the repo (read, write or admin) and the global admin see
// it; to everyone else it is absent from every index and every direct path answers 404, as if it did
// not exist. Anonymous viewers read the public repo only; the authenticated one answers them 401.

/** What a row's URL is built from. */
interface PathContext {
  repo: string;
  fx: TypeFixture;
  today: string;
  biocRelease: string;
}

/** A listing reader: which of the items it can tell about (`checks`) the response lists. */
interface Listing {
  checks: readonly Item[];
  listed(res: Fetched, fx: TypeFixture): Set<Item>;
}

/** One read path: a listing (index page, API listing), one item's file, or a page that names no package. */
type ReadPath = {
  type: RepoType;
  name: string;
  path(c: PathContext): string;
  /** `/t/<token>/` instead of a header (then anonymous, who has no token, is not a case). */
  viaPathToken?: boolean;
  accept?: string;
  /** Repo paths answer 401 with the repo as realm; the JSON API is not under the repo. */
  underRepo: boolean;
} & ({ kind: "listing"; listing: Listing; about?: Item } | { kind: "file"; item: Item } | { kind: "page" });

const PEP691 = "application/vnd.pypi.simple.v1+json";
const ITEMS = ["pub2", "pub1", "secret", "held"] as const;
const SEES_SECRET = new Set<Viewer>(["owner", "reader", "writer", "groupAdmin", "admin"]);

function itemsWhere(test: (item: Item) => boolean): Set<Item> {
  return new Set(ITEMS.filter(test));
}
function isPub(item: Item): boolean {
  return item === "pub1" || item === "pub2";
}

// Listing readers, one per index format.
// A name-level listing (project list, channeldata) tells pub 2.0 by pub's name (1.0 cannot show there),
// and any mention of secret or held is a leak whatever the version.
const byProjectName = (read: (res: Fetched) => string[]): Listing => ({
  checks: ["pub2", "secret", "held"],
  listed: (res, fx) => {
    const names = new Set(read(res));
    return itemsWhere((i) => i !== "pub1" && names.has(fx.files[i].name));
  },
});
const simpleRootHtml = byProjectName((res) => readSimpleHtmlLinks(res.text).map((l) => l.text));
const simpleRootJson = byProjectName((res) => readSimpleJsonProjects(res.text));
const fileNames = (read: (res: Fetched) => string[], checks: readonly Item[]): Listing => ({
  checks,
  listed: (res, fx) => {
    const names = new Set(read(res).map((n) => n.slice(n.lastIndexOf("/") + 1)));
    return itemsWhere((i) => names.has(fx.files[i].filename));
  },
});
const simpleProjectHtml = (checks: readonly Item[]) => fileNames((res) => readSimpleHtmlLinks(res.text).map((l) => l.href), checks);
const simpleProjectJson = (checks: readonly Item[]) => fileNames((res) => readSimpleJsonFiles(res.text), checks);
const repodata = fileNames((res) => readRepodataFilenames(res.text), ITEMS);
const packagesListing = (decode: (res: Fetched) => string): Listing => ({
  checks: ITEMS,
  listed: (res, fx) => {
    const stanzas = readPackagesStanzas(decode(res));
    return itemsWhere((i) => stanzas.some((s) => s.package === fx.files[i].name && (isPub(i) ? s.version === fx.files[i].version : true)));
  },
});
const packagesRds: Listing = {
  checks: ITEMS,
  // R serialization: names and versions are separate strings, so a pub version is its name and its version both present.
  listed: (res, fx) => {
    const serialized = gunzipStrict(res.bytes);
    const holds = (i: Item) => rdsHoldsString(serialized, fx.files[i].name) && (!isPub(i) || rdsHoldsString(serialized, fx.files[i].version));
    return itemsWhere(holds);
  },
};
// archive.rds lists the versions older than a package's newest: of the items only pub 1.0 could be
// there, and it is blocklisted, so nobody may see it (nor held, blocklisted too); secret and pub 2.0
// are each their package's newest and so never archived. The answer must be a real R serialization.
const archiveRds: Listing = {
  checks: ["pub1", "held"],
  listed: (res, fx) => {
    const serialized = gunzipStrict(res.bytes);
    expect(serialized.subarray(0, 2).toString("latin1"), "archive.rds is XDR-serialized").toBe("X\n");
    return itemsWhere((i) => (i === "pub1" || i === "held") && rdsHoldsString(serialized, `${fx.files[i].name}/${fx.files[i].filename}`));
  },
};
const channeldata: Listing = {
  checks: ["pub2", "secret", "held"],
  listed: (res, fx) => {
    const packages = readChanneldataPackages(res.text);
    return itemsWhere((i) => (i === "pub2" ? packages.get("pub") === fx.files.pub2.version : i !== "pub1" && packages.has(fx.files[i].name)));
  },
};
const apiPackages: Listing = {
  checks: ITEMS,
  listed: (res, fx) => {
    const packages = readApiPackages(res.text);
    return itemsWhere((i) => packages.get(fx.files[i].name)?.includes(fx.files[i].version) === true);
  },
};

// Row builders keep the table to one line per read path.
type RowOptions = Pick<ReadPath, "viaPathToken" | "accept">;
const listing = (type: RepoType, name: string, path: ReadPath["path"], reader: Listing, options: RowOptions & { about?: Item } = {}): ReadPath => ({
  type,
  name,
  path,
  underRepo: true,
  kind: "listing",
  listing: reader,
  ...options,
});
const files = (type: RepoType, name: string, path: (c: PathContext, item: Item) => string, options: RowOptions = {}, items: readonly Item[] = ITEMS): ReadPath[] =>
  items.map((item) => ({ type, name: `${name.replace("<file>", `<${item}>`)}`, path: (c: PathContext) => path(c, item), underRepo: true, kind: "file", item, ...options }));

const py = (c: PathContext, item: Item) => `files/${c.fx.files[item].sha256}/${c.fx.files[item].filename}`;
const rFile = (c: PathContext, item: Item) => c.fx.files[item].filename;
const rArchive = (c: PathContext, item: Item) => `Archive/${c.fx.files[item].name}/${c.fx.files[item].filename}`;
const condaFile = (c: PathContext, item: Item) => `noarch/${c.fx.files[item].filename}`;
const bioc = (c: PathContext) => `packages/${c.biocRelease}/bioc/src/contrib`;
const gz = (res: Fetched) => gunzipStrict(res.bytes).toString("utf8");
const plain = (res: Fetched) => res.text;

function cranRows(type: "r" | "bioconductor"): ReadPath[] {
  return [
    listing(type, "latest/src/contrib/PACKAGES", (c) => `/${c.repo}/latest/src/contrib/PACKAGES`, packagesListing(plain)),
    listing(type, "latest/src/contrib/PACKAGES.gz", (c) => `/${c.repo}/latest/src/contrib/PACKAGES.gz`, packagesListing(gz)),
    listing(type, "latest/src/contrib/PACKAGES.rds", (c) => `/${c.repo}/latest/src/contrib/PACKAGES.rds`, packagesRds),
    listing(type, "latest/src/contrib/Meta/archive.rds", (c) => `/${c.repo}/latest/src/contrib/Meta/archive.rds`, archiveRds),
    listing(type, "<today>/src/contrib/Meta/archive.rds", (c) => `/${c.repo}/${c.today}/src/contrib/Meta/archive.rds`, archiveRds),
    listing(type, "src/contrib/PACKAGES (no snapshot segment)", (c) => `/${c.repo}/src/contrib/PACKAGES`, packagesListing(plain)),
    listing(type, "<today>/src/contrib/PACKAGES", (c) => `/${c.repo}/${c.today}/src/contrib/PACKAGES`, packagesListing(plain)),
    listing(type, "<today>/src/contrib/PACKAGES.gz", (c) => `/${c.repo}/${c.today}/src/contrib/PACKAGES.gz`, packagesListing(gz)),
    listing(type, "/t/<token>/ latest/src/contrib/PACKAGES", (c) => `/${c.repo}/latest/src/contrib/PACKAGES`, packagesListing(plain), { viaPathToken: true }),
    ...files(type, "latest/src/contrib/<file>", (c, i) => `/${c.repo}/latest/src/contrib/${rFile(c, i)}`),
    ...files(type, "src/contrib/<file> (no snapshot segment)", (c, i) => `/${c.repo}/src/contrib/${rFile(c, i)}`, {}, ["pub1", "secret"]),
    ...files(type, "latest/src/contrib/Archive/<pkg>/<file>", (c, i) => `/${c.repo}/latest/src/contrib/${rArchive(c, i)}`, {}, ["pub1"]),
    ...files(type, "<today>/src/contrib/<file>", (c, i) => `/${c.repo}/${c.today}/src/contrib/${rFile(c, i)}`),
    ...files(type, "<today>/src/contrib/Archive/<pkg>/<file>", (c, i) => `/${c.repo}/${c.today}/src/contrib/${rArchive(c, i)}`, {}, ["pub1"]),
    ...files(type, "/t/<token>/ latest/src/contrib/<file>", (c, i) => `/${c.repo}/latest/src/contrib/${rFile(c, i)}`, { viaPathToken: true }),
    ...files(type, "/t/<token>/ latest/src/contrib/Archive/<pkg>/<file>", (c, i) => `/${c.repo}/latest/src/contrib/${rArchive(c, i)}`, { viaPathToken: true }, ["pub1"]),
  ];
}

const READ_PATHS: ReadPath[] = [
  // python (PEP 503/691/658, content-addressed downloads)
  listing("python", "latest/simple/ (HTML)", (c) => `/${c.repo}/latest/simple/`, simpleRootHtml),
  listing("python", "latest/simple/ (PEP 691 JSON)", (c) => `/${c.repo}/latest/simple/`, simpleRootJson, { accept: PEP691 }),
  listing("python", "simple/ (no snapshot segment)", (c) => `/${c.repo}/simple/`, simpleRootHtml),
  listing("python", "latest/simple/pub/ (HTML)", (c) => `/${c.repo}/latest/simple/pub/`, simpleProjectHtml(["pub1", "pub2"])),
  listing("python", "latest/simple/pub/ (PEP 691 JSON)", (c) => `/${c.repo}/latest/simple/pub/`, simpleProjectJson(["pub1", "pub2"]), { accept: PEP691 }),
  listing("python", "latest/simple/secret/ (HTML)", (c) => `/${c.repo}/latest/simple/${c.fx.files.secret.name}/`, simpleProjectHtml(["secret"]), { about: "secret" }),
  listing("python", "latest/simple/secret/ (PEP 691 JSON)", (c) => `/${c.repo}/latest/simple/${c.fx.files.secret.name}/`, simpleProjectJson(["secret"]), { about: "secret", accept: PEP691 }),
  listing("python", "simple/secret/ (no snapshot segment)", (c) => `/${c.repo}/simple/${c.fx.files.secret.name}/`, simpleProjectHtml(["secret"]), { about: "secret" }),
  ...files("python", "latest/files/<sha>/<file>.metadata (PEP 658)", (c, i) => `/${c.repo}/latest/${py(c, i)}.metadata`),
  ...files("python", "latest/files/<sha>/<file>", (c, i) => `/${c.repo}/latest/${py(c, i)}`),
  ...files("python", "files/<sha>/<file> (no snapshot segment)", (c, i) => `/${c.repo}/${py(c, i)}`, {}, ["pub1", "secret"]),
  listing("python", "<today>/simple/ (HTML)", (c) => `/${c.repo}/${c.today}/simple/`, simpleRootHtml),
  listing("python", "<today>/simple/ (PEP 691 JSON)", (c) => `/${c.repo}/${c.today}/simple/`, simpleRootJson, { accept: PEP691 }),
  listing("python", "<today>/simple/pub/ (HTML)", (c) => `/${c.repo}/${c.today}/simple/pub/`, simpleProjectHtml(["pub1", "pub2"])),
  listing("python", "<today>/simple/pub/ (PEP 691 JSON)", (c) => `/${c.repo}/${c.today}/simple/pub/`, simpleProjectJson(["pub1", "pub2"]), { accept: PEP691 }),
  listing("python", "<today>/simple/secret/ (HTML)", (c) => `/${c.repo}/${c.today}/simple/${c.fx.files.secret.name}/`, simpleProjectHtml(["secret"]), { about: "secret" }),
  ...files("python", "<today>/files/<sha>/<file>", (c, i) => `/${c.repo}/${c.today}/${py(c, i)}`),
  ...files("python", "<today>/files/<sha>/<file>.metadata", (c, i) => `/${c.repo}/${c.today}/${py(c, i)}.metadata`, {}, ["pub1", "secret"]),
  listing("python", "/t/<token>/ latest/simple/", (c) => `/${c.repo}/latest/simple/`, simpleRootHtml, { viaPathToken: true }),
  listing("python", "/t/<token>/ latest/simple/pub/", (c) => `/${c.repo}/latest/simple/pub/`, simpleProjectHtml(["pub1", "pub2"]), { viaPathToken: true }),
  listing("python", "/t/<token>/ latest/simple/secret/", (c) => `/${c.repo}/latest/simple/${c.fx.files.secret.name}/`, simpleProjectHtml(["secret"]), { viaPathToken: true, about: "secret" }),
  ...files("python", "/t/<token>/ latest/files/<sha>/<file>", (c, i) => `/${c.repo}/latest/${py(c, i)}`, { viaPathToken: true }),
  ...files("python", "/t/<token>/ latest/files/<sha>/<file>.metadata", (c, i) => `/${c.repo}/latest/${py(c, i)}.metadata`, { viaPathToken: true }, ["pub1", "secret"]),

  // r (CRAN layout)
  ...cranRows("r"),

  // bioconductor: the CRAN layout of the repo itself, plus what BiocManager reads
  ...cranRows("bioconductor"),
  { type: "bioconductor", name: "latest/config.yaml", path: (c) => `/${c.repo}/latest/config.yaml`, underRepo: true, kind: "page" },
  listing("bioconductor", "latest/packages/<release>/bioc/src/contrib/PACKAGES", (c) => `/${c.repo}/latest/${bioc(c)}/PACKAGES`, packagesListing(plain)),
  listing("bioconductor", "latest/packages/<release>/bioc/src/contrib/PACKAGES.gz", (c) => `/${c.repo}/latest/${bioc(c)}/PACKAGES.gz`, packagesListing(gz)),
  listing("bioconductor", "latest/packages/<release>/bioc/src/contrib/PACKAGES.rds", (c) => `/${c.repo}/latest/${bioc(c)}/PACKAGES.rds`, packagesRds),
  listing("bioconductor", "<today>/packages/<release>/bioc/src/contrib/PACKAGES", (c) => `/${c.repo}/${c.today}/${bioc(c)}/PACKAGES`, packagesListing(plain)),
  ...files("bioconductor", "latest/packages/<release>/bioc/src/contrib/<file>", (c, i) => `/${c.repo}/latest/${bioc(c)}/${rFile(c, i)}`),
  ...files("bioconductor", "latest/packages/<release>/bioc/src/contrib/Archive/<pkg>/<file>", (c, i) => `/${c.repo}/latest/${bioc(c)}/${rArchive(c, i)}`, {}, ["pub1"]),
  ...files("bioconductor", "/t/<token>/ latest/packages/<release>/bioc/src/contrib/<file>", (c, i) => `/${c.repo}/latest/${bioc(c)}/${rFile(c, i)}`, { viaPathToken: true }, ["pub1", "secret"]),

  // conda (repodata, labels, channeldata, downloads)
  listing("conda", "latest/noarch/repodata.json", (c) => `/${c.repo}/latest/noarch/repodata.json`, repodata),
  listing("conda", "noarch/repodata.json (no snapshot segment)", (c) => `/${c.repo}/noarch/repodata.json`, repodata),
  listing("conda", "latest/noarch/current_repodata.json", (c) => `/${c.repo}/latest/noarch/current_repodata.json`, repodata),
  listing("conda", "label/main/noarch/repodata.json", (c) => `/${c.repo}/label/main/noarch/repodata.json`, repodata),
  listing("conda", "latest/label/main/noarch/repodata.json", (c) => `/${c.repo}/latest/label/main/noarch/repodata.json`, repodata),
  listing("conda", "latest/channeldata.json", (c) => `/${c.repo}/latest/channeldata.json`, channeldata),
  listing("conda", "<today>/noarch/repodata.json", (c) => `/${c.repo}/${c.today}/noarch/repodata.json`, repodata),
  listing("conda", "<today>/label/main/noarch/repodata.json", (c) => `/${c.repo}/${c.today}/label/main/noarch/repodata.json`, repodata),
  listing("conda", "<today>/channeldata.json", (c) => `/${c.repo}/${c.today}/channeldata.json`, channeldata),
  listing("conda", "/t/<token>/ noarch/repodata.json", (c) => `/${c.repo}/noarch/repodata.json`, repodata, { viaPathToken: true }),
  listing("conda", "/t/<token>/ label/main/noarch/repodata.json", (c) => `/${c.repo}/label/main/noarch/repodata.json`, repodata, { viaPathToken: true }),
  ...files("conda", "noarch/<file>", (c, i) => `/${c.repo}/${condaFile(c, i)}`),
  ...files("conda", "latest/noarch/<file>", (c, i) => `/${c.repo}/latest/${condaFile(c, i)}`, {}, ["pub1", "secret"]),
  ...files("conda", "label/main/noarch/<file>", (c, i) => `/${c.repo}/label/main/${condaFile(c, i)}`),
  ...files("conda", "<today>/noarch/<file>", (c, i) => `/${c.repo}/${c.today}/${condaFile(c, i)}`),
  ...files("conda", "/t/<token>/ noarch/<file>", (c, i) => `/${c.repo}/${condaFile(c, i)}`, { viaPathToken: true }),
  ...files("conda", "/t/<token>/ label/main/noarch/<file>", (c, i) => `/${c.repo}/label/main/${condaFile(c, i)}`, { viaPathToken: true }, ["pub1", "secret"]),

  // the JSON API's listing of what a viewer sees, for every repo type
  ...REPO_TYPES.map((type): ReadPath => ({ ...listing(type, "GET /__api__/repos/<repo>/packages", (c) => `/__api__/repos/${c.repo}/packages`, apiPackages), underRepo: false })),
];

/** What a viewer must get on a read path. */
type Expected =
  | { status: 401; realm: string | null }
  | { status: 404 }
  | { status: 403; blocked: true }
  | { status: 200; listed?: Set<Item> };

function expectedOutcome(row: ReadPath, viewer: Viewer, exposure: Exposure, repo: string): Expected {
  if (viewer === "anonymous" && exposure === "auth") return { status: 401, realm: row.underRepo ? repo : null };
  const seesSecret = SEES_SECRET.has(viewer);
  if (row.kind === "page") return { status: 200 };
  if (row.kind === "file") {
    if (row.item === "pub1" || row.item === "held") return { status: 403, blocked: true };
    if (row.item === "secret" && !seesSecret) return { status: 404 };
    return { status: 200 };
  }
  if (row.about === "secret" && !seesSecret) return { status: 404 };
  return { status: 200, listed: new Set(row.listing.checks.filter((i) => i === "pub2" || (i === "secret" && seesSecret))) };
}

function presentationOf(world: PrivacyWorld, viewer: Viewer, viaPathToken: boolean): Presentation {
  if (viewer === "anonymous") return { kind: "anonymous" };
  const token = world.tokens[viewer];
  return viaPathToken ? { kind: "path", token } : { kind: "basic", token };
}

/** The fixture with `secret` swapped for a package that was never uploaded, to compare "hidden" with "absent". */
function withGhost(fx: TypeFixture): TypeFixture {
  const secret = fx.files.secret;
  const ghost = { ...secret, name: "ghost", filename: secret.filename.replace(secret.name, "ghost"), sha256: createHash("sha256").update("ghost").digest("hex") };
  return { ...fx, files: { ...fx.files, secret: ghost } };
}

/** An answer about the ghost, written as if it were about secret. */
function asIfSecret(text: string, ghostFx: TypeFixture, fx: TypeFixture): string {
  const ghost = ghostFx.files.secret;
  const secret = fx.files.secret;
  return text.replaceAll(ghost.sha256, secret.sha256).replaceAll(ghost.filename, secret.filename).replaceAll(ghost.name, secret.name);
}

/** Checks an answer; `absent` is the same path's answer for a package that never existed (when a 404 is expected). */
function checkOutcome(res: Fetched, expected: Expected, row: ReadPath, fx: TypeFixture, absent: { res: Fetched; fx: TypeFixture } | null): void {
  // Binary bodies (tarballs, wheels) would only garble the message.
  const textual = !res.bytes.subarray(0, 300).some((b) => b < 0x09);
  const shown = `${res.status} ${textual ? res.text.slice(0, 300) : `<${res.bytes.length} binary bytes>`}`;
  expect(res.status, shown).toBe(expected.status);
  if ("realm" in expected && expected.realm !== null) expect(res.headers.get("www-authenticate")).toBe(`Basic realm="${expected.realm}"`);
  if (expected.status === 404 && absent) {
    // As if absent: the answer is the one a package that never existed gets, word for word.
    expect(res.text).not.toMatch(/private|forbidden|permission|owner|not allowed/i);
    expect({ status: res.status, body: res.text }, "the answer for a package that never existed").toEqual({
      status: absent.res.status,
      body: asIfSecret(absent.res.text, absent.fx, fx),
    });
  }
  if ("blocked" in expected) {
    const error = readErrorBody(res);
    expect(error?.code, shown).toBe("BLOCKED");
    expect(error?.message, shown).toContain(BLOCK_REASON);
  }
  if (expected.status === 200 && row.kind === "file") {
    // A PEP 658 metadata file is the wheel's METADATA; every other download is the file itself.
    const item = fx.files[row.item];
    if (row.name.includes(".metadata")) expect(res.text).toContain(`Version: ${item.version}`);
    else expect(res.bytes.equals(readFileSync(item.path)), "downloaded bytes are the uploaded file").toBe(true);
  }
  if ("listed" in expected && expected.listed && row.kind === "listing") {
    const listed = row.listing.listed(res, fx);
    expect([...listed].sort(), "items listed").toEqual([...expected.listed].sort());
  }
}

/** One case of the matrix: a read path of a repo type, on one of its two repos, for one viewer. */
interface MatrixCase {
  title: string;
  row: ReadPath;
  exposure: Exposure;
  viewer: Viewer;
}

const CASES: MatrixCase[] = READ_PATHS.flatMap((row) =>
  (["open", "auth"] as const).flatMap((exposure) =>
    VIEWERS.filter((viewer) => !(row.viaPathToken && viewer === "anonymous")).map((viewer) => ({
      title: `${row.type} · ${exposure === "open" ? "public" : "authenticated"} repo · ${viewer} · ${row.name}`,
      row,
      exposure,
      viewer,
    })),
  ),
);

// The world's packages are built with python3, R CMD build and cph (required under GATEHOUSE_REQUIRE_CLIENTS=1).
const canBuildWorld = hasClient("python3") && hasClient("R") && hasClient("cph", ["--help"]);

// Top level: after both database variants, which share the built package files.
afterAll(removePrivacyPackages);

for (const database of serverDatabaseVariants()) {
  const skipReason = canBuildWorld ? database.skipReason : "python3, R or cph is not installed";
  const title = `privacy and blocklist matrix on ${database.name}${skipReason ? ` (skipped: ${skipReason})` : ""}`;
  describe.skipIf(skipReason !== null)(title, () => {
    let gh: RunningGatehouse | undefined;
    let world: PrivacyWorld | undefined;
    let dropDatabase = async () => {};
    const today = new Date().toISOString().slice(0, 10);

    beforeAll(async () => {
      buildPrivacyPackages();
      const db = await database.create();
      dropDatabase = db.drop;
      gh = await startGatehouse({ env: db.env });
      world = await setUpPrivacyWorld(gh);
    });
    afterAll(async () => {
      await gh?.stop();
      await dropDatabase();
    });

    function started(): { gh: RunningGatehouse; world: PrivacyWorld } {
      if (!gh || !world) throw new Error("the server or the world was not set up (see beforeAll)");
      return { gh, world };
    }

    it("creates one blocklist rule per repo through the API (201) and lists them with their reason", async () => {
      const { gh, world } = started();
      const describeRule = (r: { name: string; versions?: string | null; repo?: string | null }) => `${r.name} ${r.versions ?? "(all versions)"} in ${r.repo ?? "every repo"}`;
      const answers = world.blocklistResponses.map((r) => `${describeRule(r.rule)}: ${r.status}`);
      expect(answers).toEqual(world.blocklistResponses.map((r) => `${describeRule(r.rule)}: 201`));
      const listed = await callAdminApi(gh, "GET", "/__api__/blocklist-rules");
      expect(listed.status, listed.body).toBe(200);
      const rules = (JSON.parse(listed.body) as { rules?: { name: string; versions?: string | null; repo?: string | null; reason: string }[] }).rules ?? [];
      const ours = rules.filter((r) => r.reason === BLOCK_REASON).map(describeRule);
      expect(ours.sort()).toEqual(world.blocklistResponses.map((r) => describeRule(r.rule)).sort());
    });

    it("deletes a blocklist rule by id (DELETE /__api__/blocklist-rules/:id)", async () => {
      const { gh } = started();
      const created = await callAdminApi(gh, "POST", "/__api__/blocklist-rules", { name: "nothing-here", reason: "temporary rule" });
      expect(created.status, created.body).toBe(201);
      const id = (JSON.parse(created.body) as { id?: unknown }).id;
      expect(typeof id).toBe("string");
      const deleted = await callAdminApi(gh, "DELETE", `/__api__/blocklist-rules/${String(id)}`);
      expect([200, 204], deleted.body).toContain(deleted.status);
      expect((await callAdminApi(gh, "GET", "/__api__/blocklist-rules")).body).not.toContain("nothing-here");
    });

    it("the original bug: an anonymous R download of a private package in a public r repo answers 404", async () => {
      const { gh, world } = started();
      const { repos, files } = world.types.r;
      const res = await fetchPath(gh.url, `/${repos.open}/latest/src/contrib/${files.secret.filename}`, { kind: "anonymous" });
      expect(res.status).toBe(404);
    });

    // A plain loop rather than it.each: it.each's "$title" shortens long titles, and a failure
    // must name its repo type, viewer and path in full.
    for (const { title, row, exposure, viewer } of CASES) {
      it(title, async () => {
        const { gh, world } = started();
        const fx = world.types[row.type];
        const repo = fx.repos[exposure];
        const get = (f: TypeFixture) =>
          fetchPath(gh.url, row.path({ repo, fx: f, today, biocRelease: world.biocRelease }), presentationOf(world, viewer, row.viaPathToken === true), row.accept ? { accept: row.accept } : {});
        const expected = expectedOutcome(row, viewer, exposure, repo);
        const ghost = withGhost(fx);
        const absent = expected.status === 404 ? { res: await get(ghost), fx: ghost } : null;
        checkOutcome(await get(fx), expected, row, fx, absent);
      });
    }
  });
}
