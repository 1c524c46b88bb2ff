export * from "./collect-garbage.js";
export * from "./gc-report.js";
export * from "./pending-blobs.js";
export { COMPANION_KEYS } from "./blob-lock.js";
