import type { Migration } from "kysely";
import * as m0001 from "./0001-initial.js";
import * as m0002identity from "./0002-identity-indexes.js";
import * as m0003notes from "./0003-package-notes.js";
import * as m0004remote from "./0004-remote-sources.js";
import * as m0006pendingBlobs from "./0006-pending-blobs.js";
import * as m0007appendOnlyAudit from "./0007-append-only-audit.js";

/** Every migration, by name, in a static map so bundlers keep them all. */
export const migrations: Record<string, Migration> = {
  "0001-initial": m0001,
  "0002-identity-indexes": m0002identity,
  "0003-package-notes": m0003notes,
  "0004-remote-sources": m0004remote,
  "0006-pending-blobs": m0006pendingBlobs,
  "0007-append-only-audit": m0007appendOnlyAudit,
};
