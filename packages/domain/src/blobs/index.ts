export * from "./blob-store.js";
export * from "./fs-blob-store.js";
export * from "./s3-blob-store.js";
export * from "./storage-location.js";
export { createS3Client, openBlobStore } from "./open-blob-store.js";
export { isNoSpace, storageFullError } from "./storage-full.js";
export { type StagingSweepPolicy, type StagingSweepResult, sweepStaging } from "./sweep-staging.js";
export { type StagingOwner, THIS_PROCESS, isOwnerDead, newStagingName, stagingOwnerOf } from "./staging-name.js";
