export * from "./actor.js";
export * from "./require-allowed.js";
