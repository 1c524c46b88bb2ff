export * from "./repo-types.js";
export * from "./repo-queries.js";
export * from "./repo-service.js";
