export * from "./explain-access.js";
