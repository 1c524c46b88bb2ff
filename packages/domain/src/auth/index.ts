export * from "./actor.js";
export * from "./require-allowed.js";
export * from "./explain-access.js";
