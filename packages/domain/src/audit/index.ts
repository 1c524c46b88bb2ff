export * from "./audit-log.js";
export * from "./audit-service.js";
