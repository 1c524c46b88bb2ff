export * from "./database-ready.js";
export * from "./advertise-endpoint.js";
export * from "./readiness.js";
