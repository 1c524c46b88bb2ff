import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

/** Kinds of identifiers, each with its own prefix so an id says what it names. */
export type IdKind = "tok" | "usr" | "org" | "grp" | "gnt" | "repo" | "src" | "file" | "blk";

/**
 * A new random identifier prefixed by its kind.
 *
 * @example
 * newId("repo") // "repo_7k2m9x4q1c8v3b5n"
 */
export function newId(kind: IdKind): string {
  const bytes = randomBytes(16);
  let out = `${kind}_`;
  for (const b of bytes) out += ALPHABET[b & 31];
  return out;
}
