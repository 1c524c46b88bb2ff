export * from "./schema.js";
export * from "./open-database.js";
export * from "./migrate.js";
export * from "./data-dir-lock.js";
