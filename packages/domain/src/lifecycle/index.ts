export * from "./database-ready.js";
export * from "./advertise-endpoint.js";
export * from "./local-server.js";
export * from "./readiness.js";
export * from "./data-dir-permissions.js";
