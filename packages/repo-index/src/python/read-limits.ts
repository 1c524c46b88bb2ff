import type { ArchiveLimits } from "../shared/archive-limits.js";

/** Bounds on the work done reading one Python or R archive (the shared archive limits). */
export type ReadLimits = ArchiveLimits;
