export * from "./repo-types.js";
export * from "./repo-queries.js";
export * from "./repo-service.js";
export * from "./name-hints.js";
export * from "./repo-removal.js";
