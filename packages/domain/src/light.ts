// The few domain functions the CLI needs before it knows whether to open a database: finding a
// running server and reading a storage location. Importing them must not load kysely, PGlite,
// pg or the AWS SDK, which cost the local CLI ~400 ms it spends on nothing when a server runs.
export { findLocalServer, type LocalServer } from "./lifecycle/local-server.js";
export { parseStorageLocation, type StorageLocation } from "./blobs/storage-location.js";
