/** One file a PEP 503/691 project page lists, as a mirror needs it. */
export interface ListedFile {
  filename: string;
  /** As written on the page: may be relative to the page's URL, and may carry a `#sha256=` fragment. */
  href: string;
  sha256: string | null;
  requiresPython: string | null;
  /** The yank reason ("" when yanked without one), or null. */
  yanked: string | null;
  size: number | null;
}

const SHA256 = /^[0-9a-f]{64}$/;
const ANCHOR = /<a\s([^>]*)>([^<]*)<\/a>/gi;
const ATTRIBUTE = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g;

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, "&");
}

function fragmentSha256(href: string): string | null {
  const m = /#sha256=([0-9a-fA-F]{64})$/.exec(href);
  return m?.[1] ? m[1].toLowerCase() : null;
}

/**
 * Reads the files of a PEP 503 HTML project page (anchors with `#sha256=`,
 * `data-requires-python`, `data-yanked`). Lenient about markup, strict about
 * what it keeps: an anchor without text or href is skipped.
 * @example parseSimpleProjectHtml('<a href="f-1.0.tar.gz#sha256=…">f-1.0.tar.gz</a>')[0].filename // "f-1.0.tar.gz"
 */
export function parseSimpleProjectHtml(html: string): ListedFile[] {
  const out: ListedFile[] = [];
  for (const [, attributes = "", text = ""] of html.matchAll(ANCHOR)) {
    const attrs = new Map<string, string>();
    for (const [, name = "", dq, sq, bare] of attributes.matchAll(ATTRIBUTE)) attrs.set(name.toLowerCase(), decodeEntities(dq ?? sq ?? bare ?? ""));
    const href = attrs.get("href");
    const filename = decodeEntities(text).trim();
    if (!href || !filename) continue;
    out.push({
      filename,
      href,
      sha256: fragmentSha256(href),
      requiresPython: attrs.get("data-requires-python") ?? null,
      // `data-yanked` may stand bare (yanked without a reason).
      yanked: attrs.has("data-yanked") ? (attrs.get("data-yanked") ?? "") : /(?:^|\s)data-yanked(?:\s|$)/i.test(attributes) ? "" : null,
      size: null,
    });
  }
  return out;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

/**
 * Reads the files of a PEP 691 JSON project page; undefined when the document
 * is not one (so callers can report garbage from an upstream).
 * @example parseSimpleProjectJson('{"meta":{"api-version":"1.0"},"name":"f","files":[]}') // []
 */
export function parseSimpleProjectJson(text: string): ListedFile[] | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof doc !== "object" || doc === null) return undefined;
  const files = (doc as { files?: unknown }).files;
  if (!Array.isArray(files)) return undefined;
  const out: ListedFile[] = [];
  for (const f of files as unknown[]) {
    if (typeof f !== "object" || f === null) continue;
    const entry = f as Record<string, unknown>;
    const filename = stringOrNull(entry.filename);
    const href = stringOrNull(entry.url);
    if (!filename || !href) continue;
    const hashes = entry.hashes as Record<string, unknown> | undefined;
    const sha = stringOrNull(hashes?.sha256)?.toLowerCase() ?? fragmentSha256(href);
    const yanked = entry.yanked;
    out.push({
      filename,
      href,
      sha256: sha && SHA256.test(sha) ? sha : null,
      requiresPython: stringOrNull(entry["requires-python"]),
      yanked: yanked === true ? "" : typeof yanked === "string" && yanked !== "" ? yanked : null,
      size: typeof entry.size === "number" && Number.isSafeInteger(entry.size) && entry.size >= 0 ? entry.size : null,
    });
  }
  return out;
}
