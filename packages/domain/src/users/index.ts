export * from "./user-queries.js";
