export * from "./shared/index.js";
export * from "./python/index.js";
export * from "./r/index.js";
export * from "./conda/index.js";
