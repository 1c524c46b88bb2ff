export * from "./change-bus.js";
export * from "./change-reader.js";
export * from "./change-listener.js";
export * from "./follow-changes.js";
export * from "./poll-changes.js";
