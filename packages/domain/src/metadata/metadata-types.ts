/** One note on a package: a key and its value, and who set it when. */
export interface PackageMetadataEntry {
  /** The package name, folded the same way for every kind (lowercase, runs of `-_.` as one `-`). */
  name: string;
  key: string;
  value: string;
  updatedAt: string;
  updatedBy: string;
}

/** What to set: an empty value removes the key. */
export interface SetPackageMetadataInput {
  name: string;
  key: string;
  value: string;
}

/** Which notes to list: of one package, of the packages in one repo, or all. */
export interface ListPackageMetadataInput {
  name?: string;
  repo?: string;
}

/**
 * Hides packages the caller may not see (the read path passes its visibility rule).
 * Called with the folded name; false drops that package's notes.
 */
export type PackageVisibility = (name: string) => boolean;
