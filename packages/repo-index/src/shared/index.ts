export * from "./result.js";
export { type ArchiveLimits, DEFAULT_ARCHIVE_LIMITS } from "./archive-limits.js";
export { type SpecEcosystem, type VersionSpec, SPEC_ECOSYSTEMS } from "./version-spec-types.js";
export { parseVersionSpec } from "./version-spec.js";
