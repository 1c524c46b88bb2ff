/** The repo types' URL spaces, as the docs group them. */
export type ProtocolTag = "protocols: python" | "protocols: r" | "protocols: conda";

/** One answer a protocol endpoint gives: its status, what it means and the media types it comes in. */
export interface ProtocolResponse {
  readonly status: number;
  readonly description: string;
  /** Empty for answers without a body (a redirect). */
  readonly mediaTypes: readonly string[];
}

/**
 * One repo protocol endpoint (pip, twine, R, BiocManager, conda talk to these): not JSON API,
 * so not an OperationSpec, but documented beside the API from this one list.
 */
export interface ProtocolOperation {
  /** Stable name, `protocols.<kind>.<what>`; the OpenAPI operationId. */
  readonly id: string;
  readonly method: "GET" | "POST";
  /** Hono-style template, as OperationSpec paths: every `:name` is a path parameter. */
  readonly path: `/${string}`;
  readonly tag: ProtocolTag;
  readonly summary: string;
  readonly description: string;
  readonly scopes: string;
  readonly paramDocs: Readonly<Record<string, string>>;
  /** Request headers that change the answer (Accept for the simple index). */
  readonly headers?: Readonly<Record<string, string>>;
  /** The request body's media type and what it carries (uploads). */
  readonly requestBody?: { readonly contentType: string; readonly description: string };
  readonly responses: readonly ProtocolResponse[];
}

const TOKEN_PREFIX =
  "Every repo URL may be prefixed with `/t/<token>/` (for clients that cannot send a header); the server strips it before routing and redacts it from logs. Also answers HEAD.";
const READ_RESPONSES: readonly ProtocolResponse[] = [
  { status: 401, description: "authenticated repo without credentials (or a bad token): `WWW-Authenticate: Basic realm=\"<repo>\"`", mediaTypes: ["application/json"] },
  { status: 403, description: "the token lacks read access (or the file is blocked: the reason is in the body)", mediaTypes: ["application/json"] },
  { status: 404, description: "no such repo, project or file at this snapshot (a private package the caller may not see is absent)", mediaTypes: ["application/json"] },
];

const REPO = "the repo's name";
const SNAPSHOT = "`latest` or a date `YYYY-MM-DD` (UTC, end of day): the repo as it was then";
const LABEL = "a conda label (`main` when the URL names none): only files carrying it";

function readScopes(kind: string): string {
  return `none for a public repo; else read access to it: repos:read with it in --repos, repos, ${kind}, or a read grant of the token user's group`;
}

/** A snapshot-less endpoint and its dated twin (`/<repo>/<snapshot>/…`), which every repo type serves. */
function withSnapshot(op: ProtocolOperation): ProtocolOperation[] {
  const dated: ProtocolOperation = {
    ...op,
    id: `${op.id}Dated`,
    path: op.path.replace(/^\/:repo/, "/:repo/:snapshot") as `/${string}`,
    summary: `${op.summary}, at a snapshot`,
    paramDocs: { repo: REPO, snapshot: SNAPSHOT, ...op.paramDocs },
  };
  return [op, dated];
}

function read(scopes: string, tag: ProtocolTag, id: string, path: `/:repo${string}`, summary: string, description: string, paramDocs: Record<string, string>, ok: ProtocolResponse, headers?: Record<string, string>): ProtocolOperation {
  return {
    id,
    method: "GET",
    path,
    tag,
    summary,
    description: `${description} ${TOKEN_PREFIX}`,
    scopes,
    paramDocs: { repo: REPO, ...paramDocs },
    ...(headers ? { headers } : {}),
    responses: [ok, ...READ_RESPONSES],
  };
}

const SIMPLE_TYPES = ["application/vnd.pypi.simple.v1+json", "application/vnd.pypi.simple.v1+html", "text/html; charset=utf-8"];
const ACCEPT = {
  accept: "PEP 691: `application/vnd.pypi.simple.v1+json` for JSON, `application/vnd.pypi.simple.v1+html` for HTML; anything else (a browser) gets text/html. Answers carry `Vary: Accept`.",
};
const REDIRECT: ProtocolResponse = { status: 301, description: "to the canonical URL (normalized name, trailing slash), relative so a `/t/<token>/` prefix is kept", mediaTypes: [] };
const py = (id: string, path: `/:repo${string}`, summary: string, description: string, paramDocs: Record<string, string>, ok: ProtocolResponse, headers?: Record<string, string>) =>
  read(readScopes("pypi:download"), "protocols: python", `protocols.python.${id}`, path, summary, description, paramDocs, ok, headers);

function pythonOperations(): ProtocolOperation[] {
  const simple = (op: ProtocolOperation): ProtocolOperation => ({ ...op, responses: [op.responses[0] as ProtocolResponse, REDIRECT, ...op.responses.slice(1)] });
  const file = { sha256: "the file's sha256 (hex), as the project page links it", filename: "the distribution's filename" };
  return [
    ...withSnapshot(simple(py("simpleIndex", "/:repo/simple/", "Simple index: every project (PEP 503 / PEP 691)", "The project list pip and uv read (`--index-url https://host/<repo>/simple/`).", {}, { status: 200, description: "the project list", mediaTypes: SIMPLE_TYPES }, ACCEPT))),
    ...withSnapshot(
      simple(
        py(
          "simpleProject",
          "/:repo/simple/:project/",
          "Simple index: one project's files (PEP 503 / PEP 691)",
          "Links carry `#sha256=…`, `data-requires-python` and yanked marks; PEP 658 metadata is announced as `core-metadata` only (PEP 714). A non-normalized name redirects.",
          { project: "the project's name (normalized per PEP 503; other spellings redirect)" },
          { status: 200, description: "the project's files", mediaTypes: SIMPLE_TYPES },
          ACCEPT,
        ),
      ),
    ),
    ...withSnapshot(py("download", "/:repo/files/:sha256/:filename", "Download a distribution (content-addressed)", "Served only if the file is visible in this repo at this snapshot: the digest alone grants nothing. Supports Range and ETag.", file, { status: 200, description: "the file's bytes", mediaTypes: ["application/zip", "application/gzip", "application/x-bzip2", "application/octet-stream"] })),
    ...withSnapshot(py("coreMetadata", "/:repo/files/:sha256/:filename.metadata", "A distribution's core metadata (PEP 658)", "The METADATA file of a wheel, for resolvers that skip downloading the wheel itself; 404 when the file has none.", file, { status: 200, description: "the core metadata", mediaTypes: ["text/plain; charset=utf-8"] })),
    {
      id: "protocols.python.upload",
      method: "POST",
      path: "/:repo/legacy/",
      tag: "protocols: python",
      summary: "Upload a distribution (twine's legacy upload API)",
      description: `\`twine upload --repository-url https://host/<repo>/legacy/ -u __token__ -p <token>\`. The file goes to the repo's first source (a local one), streamed; digests twine sends are verified. A filename already in the source is a 409 (twine --skip-existing treats it as present). ${TOKEN_PREFIX}`,
      scopes: "sources:write with the source in --sources, pypi:upload, api:write, or a write grant of the token user's group",
      paramDocs: { repo: REPO },
      requestBody: { contentType: "multipart/form-data", description: "`:action=file_upload`, `name`, `version`, optional `sha256_digest`/`md5_digest`, and the file in a `content` part" },
      responses: [
        { status: 200, description: "stored: `{\"file\": …}` describing the published file", mediaTypes: ["application/json"] },
        { status: 400, description: "not a multipart upload, or the form disagrees with the file", mediaTypes: ["application/json"] },
        { status: 401, description: "no credentials", mediaTypes: ["application/json"] },
        { status: 403, description: "the token may not upload to the repo's first source", mediaTypes: ["application/json"] },
        { status: 409, description: "the filename is already taken in the source (even after removal)", mediaTypes: ["application/json"] },
      ],
    },
  ];
}

const R_READ = "none for a public repo; else read access to it: repos:read with it in --repos, repos, or a read grant of the token user's group";
const r = (id: string, path: `/:repo${string}`, summary: string, description: string, paramDocs: Record<string, string>, ok: ProtocolResponse): ProtocolOperation =>
  read(R_READ, "protocols: r", `protocols.r.${id}`, path, summary, description, paramDocs, ok);
const PACKAGES_FILES = [
  { id: "packages", file: "PACKAGES", what: "plain text (DCF)", type: "text/plain; charset=utf-8" },
  { id: "packagesGz", file: "PACKAGES.gz", what: "gzip-compressed", type: "application/x-gzip" },
  { id: "packagesRds", file: "PACKAGES.rds", what: "R serialized (what R ≥ 3.x reads first)", type: "application/octet-stream" },
] as const;
const BIOC_SECTIONS = [
  { id: "Bioc", section: "bioc" },
  { id: "Annotation", section: "data/annotation" },
  { id: "Experiment", section: "data/experiment" },
  { id: "Workflows", section: "workflows" },
  { id: "Books", section: "books" },
] as const;

function rOperations(): ProtocolOperation[] {
  const tarball = { status: 200, description: "the source tarball", mediaTypes: ["application/x-gzip"] };
  return [
    ...PACKAGES_FILES.flatMap((f) =>
      withSnapshot(r(f.id, `/:repo/src/contrib/${f.file}`, `${f.file}: the package index, ${f.what}`, "Every current package of an R or Bioconductor repo, with MD5sum and sha256 fields (`repos = c(x = \"https://host/<repo>/latest\")`).", {}, { status: 200, description: "the index", mediaTypes: [f.type] })),
    ),
    ...withSnapshot(r("tarball", "/:repo/src/contrib/:filename", "Download a source package", "Any visible version is served here and under Archive/, so a client holding a just-outdated index still succeeds.", { filename: "`<package>_<version>.tar.gz`" }, tarball)),
    ...withSnapshot(r("archiveTarball", "/:repo/src/contrib/Archive/:package/:filename", "Download an older version (Archive/)", "Where remotes::install_version() looks for versions that are not current.", { package: "the package's name", filename: "`<package>_<version>.tar.gz`" }, tarball)),
    ...withSnapshot(r("archiveRds", "/:repo/src/contrib/Meta/archive.rds", "archive.rds: every archived version", "The data frames remotes::install_version() reads to find archived versions.", {}, { status: 200, description: "R serialized archive list", mediaTypes: ["application/octet-stream"] })),
    ...withSnapshot(r("biocConfig", "/:repo/config.yaml", "Bioconductor config.yaml", "Bioconductor repos only: what BiocManager reads (`BIOCONDUCTOR_CONFIG_FILE=https://host/<repo>/latest/config.yaml`) to map R versions to Bioconductor releases.", {}, { status: 200, description: "the release map", mediaTypes: ["text/yaml; charset=utf-8"] })),
    ...BIOC_SECTIONS.flatMap((s) =>
      withSnapshot(
        r(
          `bioc${s.id}`,
          `/:repo/packages/:biocVersion/${s.section}/src/contrib/:file`,
          `Bioconductor ${s.section}: src/contrib files of a release`,
          `Bioconductor repos only (\`options(BioC_mirror = "https://host/<repo>/latest")\`): PACKAGES, PACKAGES.gz, PACKAGES.rds, Meta/archive.rds and tarballs of the ${s.section} repository of a release, as under src/contrib/. Uploads are software (bioc) packages; the other sections hold what a remote Bioconductor source mirrors, and are served empty otherwise.`,
          { biocVersion: "a Bioconductor release, e.g. `3.20`", file: "`PACKAGES`, `PACKAGES.gz`, `PACKAGES.rds` or `<package>_<version>.tar.gz`" },
          { status: 200, description: "the index or tarball", mediaTypes: ["text/plain; charset=utf-8", "application/x-gzip", "application/octet-stream"] },
        ),
      ),
    ),
  ];
}

const CHANNEL_VIEWS = [
  { suffix: "", prefix: "", params: {} },
  { suffix: "Dated", prefix: "/:snapshot", params: { snapshot: SNAPSHOT } },
  { suffix: "Label", prefix: "/label/:label", params: { label: LABEL } },
  { suffix: "DatedLabel", prefix: "/:snapshot/label/:label", params: { snapshot: SNAPSHOT, label: LABEL } },
] as const;
const SUBDIR = { subdir: "a conda subdir: `noarch`, `linux-64`, `osx-arm64`, …" };

function condaOperations(): ProtocolOperation[] {
  const conda = (id: string, path: `/:repo${string}`, summary: string, description: string, paramDocs: Record<string, string>, ok: ProtocolResponse) =>
    read(readScopes("conda:download"), "protocols: conda", `protocols.conda.${id}`, path, summary, description, paramDocs, ok);
  const views = CHANNEL_VIEWS.flatMap((v) => {
    const at = v.suffix === "" ? "" : v.suffix === "Dated" ? ", at a snapshot" : v.suffix === "Label" ? ", one label" : ", one label at a snapshot";
    return [
      conda(
        `repodata${v.suffix}`,
        `/:repo${v.prefix}/:subdir/repodata.json`,
        `repodata.json of a subdir${at}`,
        "Every package record of the subdir (`packages` and `packages.conda`); `current_repodata.json` answers the same. The compressed and incremental variants clients probe first (`.zst`, `.bz2`, `.jlap`, shards) answer a plain 404, so they fall back to this.",
        { ...v.params, ...SUBDIR },
        { status: 200, description: "the repodata (gzip by Accept-Encoding, ETag/304)", mediaTypes: ["application/json"] },
      ),
      conda(`channeldata${v.suffix}`, `/:repo${v.prefix}/channeldata.json`, `channeldata.json of the channel${at}`, "One entry per package name with its subdirs and latest version.", v.params, { status: 200, description: "the channel data", mediaTypes: ["application/json"] }),
      conda(`download${v.suffix}`, `/:repo${v.prefix}/:subdir/:filename`, `Download a package file${at}`, "A `.conda` or `.tar.bz2` file of the subdir, if it carries the label and is visible at the snapshot.", { ...v.params, ...SUBDIR, filename: "the package file's name" }, { status: 200, description: "the package file", mediaTypes: ["application/zip", "application/x-bzip2"] }),
    ];
  });
  const probe = (id: string, ext: string): ProtocolOperation => ({
    ...conda(id, `/:repo/:subdir/repodata.json.${ext}`, `repodata.json.${ext}: always 404`, `Clients probe it before repodata.json; the answer is a plain 404 (never 401/403, which rattler treats as fatal) under every snapshot and label.`, SUBDIR, { status: 404, description: "not served: fall back to repodata.json", mediaTypes: ["application/json"] }),
    responses: [{ status: 404, description: "not served: fall back to repodata.json", mediaTypes: ["application/json"] }],
  });
  return [...views, probe("repodataZst", "zst"), probe("repodataBz2", "bz2")];
}

/**
 * Every repo protocol endpoint (python, R/Bioconductor, conda), for the OpenAPI document and the
 * docs page, in a stable order.
 * @example protocolOperations().find((op) => op.id === "protocols.python.simpleIndex")?.path // "/:repo/simple/"
 */
export function protocolOperations(): ProtocolOperation[] {
  return [...pythonOperations(), ...rOperations(), ...condaOperations()];
}
