export * from "./blob-store.js";
export * from "./fs-blob-store.js";
export * from "./s3-blob-store.js";
export * from "./storage-location.js";
export { createS3Client, openBlobStore } from "./open-blob-store.js";
