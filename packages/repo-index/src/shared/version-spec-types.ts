/** The ecosystems whose version-range syntax Gatehouse understands (Bioconductor uses R's). */
export type SpecEcosystem = "python" | "r" | "conda";

/** Every ecosystem with a version-range syntax, in display order. */
export const SPEC_ECOSYSTEMS: readonly SpecEcosystem[] = ["python", "r", "conda"];

/** A parsed version range in one ecosystem's own syntax; `matches` is cheap (parsed once, reused per file). */
export interface VersionSpec {
  ecosystem: SpecEcosystem;
  /** The range as the user wrote it (trimmed). */
  text: string;
  /** Whether a version of that ecosystem falls in the range; versions that do not parse never match. */
  matches(version: string): boolean;
}
