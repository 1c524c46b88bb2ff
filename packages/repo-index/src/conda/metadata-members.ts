/** Where conda keeps the metadata this package reads, inside the (inner) tarball. */
export const INDEX_JSON = "info/index.json";
export const ABOUT_JSON = "info/about.json";

/** The members collected from a package's info tarball. */
export const METADATA_MEMBERS: ReadonlySet<string> = new Set([INDEX_JSON, ABOUT_JSON]);

/** The raw metadata files found in an archive. */
export interface RawCondaMetadata {
  index?: Buffer | undefined;
  about?: Buffer | undefined;
}
