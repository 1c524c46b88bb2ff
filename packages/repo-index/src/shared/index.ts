export * from "./result.js";
