export * from "./token-info.js";
export * from "./token-queries.js";
export * from "./token-service.js";
export * from "./token-verifier.js";
export * from "./first-admin-token.js";
export * from "./whoami.js";
export * from "./revoke-leaked.js";
