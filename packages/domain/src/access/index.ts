export * from "./visibility.js";
