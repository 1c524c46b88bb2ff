import { gunzipSync } from "node:zlib";

// Readers for every index format the server renders, so a test asks "is this package (version)
// listed?" of the parsed document instead of grepping for a substring that might occur elsewhere.

/** Anchors of a PEP 503 page: their text and their href without the `#sha256=` fragment. */
export function readSimpleHtmlLinks(html: string): { text: string; href: string }[] {
  return [...html.matchAll(/<a\s[^>]*href="([^"]*)"[^>]*>([^<]*)<\/a>/g)].map((m) => ({ href: (m[1] ?? "").split("#")[0] ?? "", text: (m[2] ?? "").trim() }));
}

/** Project names of a PEP 691 root page. */
export function readSimpleJsonProjects(json: string): string[] {
  const body = JSON.parse(json) as { projects?: { name: string }[] };
  return (body.projects ?? []).map((p) => p.name);
}

/** File names of a PEP 691 project page. */
export function readSimpleJsonFiles(json: string): string[] {
  const body = JSON.parse(json) as { files?: { filename: string }[] };
  return (body.files ?? []).map((f) => f.filename);
}

/** `Package`/`Version` of each stanza of a PACKAGES file. */
export function readPackagesStanzas(text: string): { package: string; version: string }[] {
  return text
    .split(/\n\s*\n/)
    .map((stanza) => ({ package: /^Package:\s*(\S+)/m.exec(stanza)?.[1] ?? "", version: /^Version:\s*(\S+)/m.exec(stanza)?.[1] ?? "" }))
    .filter((s) => s.package !== "");
}

/** Gunzips bytes that must be gzip (PACKAGES.gz, PACKAGES.rds): a plain body is an error, as it is for R. */
export function gunzipStrict(bytes: Buffer): Buffer {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) throw new Error(`expected gzip, got: ${bytes.subarray(0, 40).toString("utf8")}`);
  return gunzipSync(bytes);
}

/**
 * Whether an R serialization (PACKAGES.rds, gzip removed) holds `s` as a string. R writes a string as
 * a CHARSXP: 4 flag bytes, a 4-byte big-endian length, then the bytes, so the length prefix makes
 * "1.0" not match inside "11.0" or a longer name.
 */
export function rdsHoldsString(serialized: Buffer, s: string): boolean {
  const text = Buffer.from(s, "utf8");
  const length = Buffer.alloc(4);
  length.writeUInt32BE(text.length);
  return serialized.includes(Buffer.concat([length, text]));
}

/** File names a conda repodata.json lists (`packages` and `packages.conda`). */
export function readRepodataFilenames(json: string): string[] {
  const body = JSON.parse(json) as { packages?: Record<string, unknown>; "packages.conda"?: Record<string, unknown> };
  return [...Object.keys(body.packages ?? {}), ...Object.keys(body["packages.conda"] ?? {})];
}

/** Package names and latest versions of a conda channeldata.json. */
export function readChanneldataPackages(json: string): Map<string, string> {
  const body = JSON.parse(json) as { packages?: Record<string, { version?: string }> };
  return new Map(Object.entries(body.packages ?? {}).map(([name, p]) => [name, p.version ?? ""]));
}

/** Packages (project names and versions) of the `GET /__api__/repos/:repo/packages` listing. */
export function readApiPackages(json: string): Map<string, string[]> {
  const body = JSON.parse(json) as { packages?: { project: string; versions: string[] }[] };
  return new Map((body.packages ?? []).map((p) => [p.project, p.versions]));
}
