export type { CatalogFilter, RepoView } from "./snapshot-files.js";
export type { FileLookup } from "./file-lookup.js";
export { RepoReader } from "./repo-reader.js";
export { Catalog, type VisiblePackage } from "./catalog.js";
export type { BiocSection, MirrorIndex, SyncProjectResult } from "../remote/index.js";
