export * from "./access-decision.js";
export * from "./repo-permissions.js";
export * from "./private-visibility.js";
