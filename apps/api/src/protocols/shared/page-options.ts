import type { RepoReader } from "@gatehouse/domain";
import type { PageOptions } from "../cached-page.js";

/**
 * `Cache-Control: private` (and `Vary: Authorization`) for what only this viewer may see: every
 * page of an authenticated repo, and pages of a public one listing private packages. Every
 * protocol's index pages take their options from here.
 */
export function pageOptionsOf(reader: Pick<RepoReader, "repo" | "viewerKey">): PageOptions {
  return { private: reader.repo.authenticated || reader.viewerKey !== "" };
}
