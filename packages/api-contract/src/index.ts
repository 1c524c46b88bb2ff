export * from "./operation.js";
export * from "./client.js";
export * from "./conformance.js";
export * from "./contract.js";
export * from "./schemas/strict.js";
export * from "./schemas/tokens.js";
export * from "./schemas/files.js";
export * from "./schemas/policy.js";
