export * from "./env.js";
export * from "./app.js";
export * from "./app-env.js";
export * from "./server.js";
export * from "./local-app.js";
export * from "./http/api-error.js";
export * from "./http/path-token.js";
