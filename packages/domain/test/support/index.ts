// Test support other workspaces reach as `@gatehouse/domain/test-support` (the
// bench seeds large repos with it). Never imported by product code.
export * from "./seed-files.js";
export * from "./wheel-bytes.js";
