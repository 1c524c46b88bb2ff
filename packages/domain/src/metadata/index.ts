export * from "./metadata-types.js";
export { deletePackageMetadata, listPackageMetadata, setPackageMetadata } from "./metadata-service.js";
export { foldPackageName } from "./note-input.js";
