/** A `key value` pair inside a machine or default entry; offsets are relative to the entry's raw text. */
export interface NetrcField {
  /** `login`, `user`, `password`, `account`, or an unknown word kept as is. */
  key: string;
  /** Null for an unknown word, or when the file ends right after the key. */
  value: string | null;
  /** End of the token before this key, so the field can be cut with the space that introduces it. */
  gapStart: number;
  keyStart: number;
  keyEnd: number;
  valueStart: number;
  valueEnd: number;
}

/** A `machine <host> …` or `default …` entry. */
export interface NetrcEntry {
  kind: "machine" | "default";
  /** Exact source text, from the keyword to the end of its last line (when nothing else follows on it). */
  raw: string;
  host: string | null;
  hostStart: number;
  hostEnd: number;
  fields: readonly NetrcField[];
  /** Last `login`/`user` value, as Python's netrc resolves it. */
  login: string | null;
  password: string | null;
  account: string | null;
}

/** A `macdef` macro, whose body runs to the first empty line. */
export interface NetrcMacro {
  kind: "macdef";
  raw: string;
  name: string;
  /** False when the file ends before the blank line that closes the body. */
  terminated: boolean;
}

/** Blank lines, comments and anything between entries, kept byte for byte. */
export interface NetrcTrivia {
  kind: "trivia";
  raw: string;
}

/** One contiguous span of a netrc file. */
export type NetrcItem = NetrcEntry | NetrcMacro | NetrcTrivia;

/** A parsed netrc file: its spans, in order, add up to the original text exactly. */
export interface NetrcDocument {
  items: readonly NetrcItem[];
}

/** Returns the text of a document: the exact inverse of `parseNetrc`. */
export function serializeNetrc(doc: NetrcDocument): string {
  return doc.items.map((item) => item.raw).join("");
}

/** Lists the `machine` entries of a document. */
export function listMachines(doc: NetrcDocument): NetrcEntry[] {
  return doc.items.filter((item): item is NetrcEntry => item.kind === "machine");
}
