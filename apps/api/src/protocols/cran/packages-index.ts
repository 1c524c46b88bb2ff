import { gzipSync } from "node:zlib";
import { renderPackagesFile, serializePackagesRds } from "@gatehouse/repo-index";
import { type CachedPage, makePage } from "../cached-page.js";
import type { IndexFile } from "./cran-route.js";

/** The three forms of one folder's index, made together from one set of entries. */
export interface PackagesIndex {
  plain: CachedPage;
  gz: CachedPage;
  rds: CachedPage;
}

// The cache holds the plain page; its two siblings live exactly as long as it does.
const siblings = new WeakMap<CachedPage, PackagesIndex>();

/**
 * Renders `PACKAGES`, `PACKAGES.gz` and `PACKAGES.rds` once (`text`: the PACKAGES text when already rendered). The gzip is made once and also serves as the
 * plain page's `Content-Encoding: gzip` copy, so no request ever compresses anything.
 * @example renderPackagesIndex([{ Package: "foo", Version: "1.0" }]).gz.body // gzipped PACKAGES
 */
export function renderPackagesIndex(entries: readonly Record<string, string>[], text: string = renderPackagesFile(entries)): PackagesIndex {
  const plain = makePage(text, "text/plain; charset=utf-8");
  const gzipped = gzipSync(plain.body);
  plain.gzip = gzipped;
  const index: PackagesIndex = {
    plain,
    gz: makePage(gzipped, "application/x-gzip"),
    rds: makePage(serializePackagesRds(entries), "application/octet-stream"),
  };
  siblings.set(plain, index);
  return index;
}

/** The three files, given the plain page the cache returned (made by renderPackagesIndex). */
export function siblingsOf(plain: CachedPage): PackagesIndex {
  const index = siblings.get(plain);
  if (!index) throw new Error("index page was not made by renderPackagesIndex");
  return index;
}

/** The page for one index file. */
export function pickIndexFile(index: PackagesIndex, file: IndexFile): CachedPage {
  if (file === "PACKAGES.gz") return index.gz;
  if (file === "PACKAGES.rds") return index.rds;
  return index.plain;
}
