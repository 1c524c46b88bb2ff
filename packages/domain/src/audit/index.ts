export * from "./audit-log.js";
export * from "./audit-service.js";
export * from "./auth-failure-flood.js";
