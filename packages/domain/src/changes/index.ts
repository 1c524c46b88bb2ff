export * from "./change-bus.js";
