import { gunzipSync } from "node:zlib";
import type { UpstreamSettings } from "../context.js";
import { upstreamFailed } from "./upstream-error.js";
import { getUpstream, readBounded } from "./upstream-fetch.js";

/** Largest index (after decompression) a mirror reads: CRAN's PACKAGES is ~15 MB, conda-forge's linux-64 repodata ~250 MB. */
export const MAX_INDEX_BYTES = 512 * 1024 * 1024;

/** What an upstream said identifies the index it sent (ETag, Last-Modified), to ask "changed since?" next time. */
export interface IndexValidators {
  etag?: string;
  lastModified?: string;
}

/** How index downloads authenticate and are bounded. */
export interface IndexFetchOptions {
  settings: UpstreamSettings;
  token: string | undefined;
  accept?: string;
  /**
   * Validators by index URL, kept by the mirror (per node): with them an unchanged index costs the
   * upstream a 304 instead of the whole file (conda-forge's linux-64 repodata is ~250 MB).
   */
  validators?: Map<string, IndexValidators>;
}

/** A downloaded index: its text (null: unchanged since the validators were taken) and the URL it finally came from. */
export interface IndexText {
  text: string | null;
  url: URL;
}

function conditionalOf(known: IndexValidators | undefined): Record<string, string> | undefined {
  if (!known) return undefined;
  const headers: Record<string, string> = {};
  if (known.etag) headers["if-none-match"] = known.etag;
  if (known.lastModified) headers["if-modified-since"] = known.lastModified;
  return Object.keys(headers).length > 0 ? headers : undefined;
}

/**
 * Downloads one index file, gunzipping a `.gz` (bounded, so a small bomb
 * cannot become gigabytes); null when the upstream answers 404.
 *
 * @example const packages = await downloadIndex("https://cloud.r-project.org/src/contrib/PACKAGES.gz", options);
 */
export async function downloadIndex(url: string, options: IndexFetchOptions): Promise<IndexText | null> {
  let fetched: Awaited<ReturnType<typeof getUpstream>>;
  const conditional = conditionalOf(options.validators?.get(url));
  try {
    fetched = await getUpstream(url, {
      allowPrivate: options.settings.allowPrivate,
      timeoutMs: options.settings.timeoutSeconds * 1000,
      token: options.token,
      ...(options.accept ? { accept: options.accept } : {}),
      ...(conditional ? { conditional } : {}),
    });
  } catch (err) {
    if ((err as { upstreamStatus?: number }).upstreamStatus === 404) return null;
    throw err;
  }
  if (fetched.response.statusCode === 304) {
    fetched.response.resume();
    return { text: null, url: fetched.url };
  }
  let body = await readBounded(fetched.response, MAX_INDEX_BYTES, fetched.url.host);
  if (url.endsWith(".gz") || (body[0] === 0x1f && body[1] === 0x8b)) {
    try {
      body = gunzipSync(body, { maxOutputLength: MAX_INDEX_BYTES });
    } catch {
      // The file name only: a channel path may hold a /t/<token>/ segment.
      throw upstreamFailed(fetched.url.host, `sent ${fetched.url.pathname.split("/").at(-1) ?? "an index"} that is not valid gzip (or larger than ${MAX_INDEX_BYTES} bytes unpacked)`);
    }
  }
  const { etag, "last-modified": lastModified } = fetched.response.headers;
  if (options.validators && (etag || lastModified)) options.validators.set(url, { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) });
  return { text: body.toString("utf8"), url: fetched.url };
}
