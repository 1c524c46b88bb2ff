import { gunzipSync } from "node:zlib";
import type { UpstreamSettings } from "../context.js";
import { upstreamFailed } from "./upstream-error.js";
import { getUpstream, readBounded } from "./upstream-fetch.js";

/** Largest index (after decompression) a mirror reads: CRAN's PACKAGES is ~15 MB, conda-forge's linux-64 repodata ~250 MB. */
export const MAX_INDEX_BYTES = 512 * 1024 * 1024;

/** How index downloads authenticate and are bounded. */
export interface IndexFetchOptions {
  settings: UpstreamSettings;
  token: string | undefined;
  accept?: string;
}

/** A downloaded index: its text and the URL it finally came from (after redirects). */
export interface IndexText {
  text: string;
  url: URL;
}

/**
 * Downloads one index file, gunzipping a `.gz` (bounded, so a small bomb
 * cannot become gigabytes); null when the upstream answers 404.
 *
 * @example const packages = await downloadIndex("https://cloud.r-project.org/src/contrib/PACKAGES.gz", options);
 */
export async function downloadIndex(url: string, options: IndexFetchOptions): Promise<IndexText | null> {
  let fetched: Awaited<ReturnType<typeof getUpstream>>;
  try {
    fetched = await getUpstream(url, {
      allowPrivate: options.settings.allowPrivate,
      timeoutMs: options.settings.timeoutSeconds * 1000,
      token: options.token,
      ...(options.accept ? { accept: options.accept } : {}),
    });
  } catch (err) {
    if ((err as { upstreamStatus?: number }).upstreamStatus === 404) return null;
    throw err;
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
  return { text: body.toString("utf8"), url: fetched.url };
}
