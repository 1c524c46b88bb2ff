import { type NetrcDocument, serializeNetrc } from "./netrc-document.js";
import { resolveAsCurl } from "./curl-netrc.js";
import { type NetrcCredentials, readNetrcAsPython, resolveAsPython } from "./python-netrc.js";

/** Credentials a host resolves to: one answer when Python and curl agree, both when they differ. */
export type MachineLookup =
  | { agree: true; credentials: NetrcCredentials | null }
  | {
      agree: false;
      /** What pip/requests (Python's netrc module) would use; null also when Python cannot parse the file. */
      python: NetrcCredentials | null;
      /** What curl and R (download.file method "curl") would use. */
      curl: NetrcCredentials | null;
      /** Why Python cannot read the file, when it cannot. */
      pythonError?: string;
    };

const sameCredentials = (a: NetrcCredentials | null, b: NetrcCredentials | null): boolean =>
  a === b || (a !== null && b !== null && a.login === b.login && a.password === b.password);

/**
 * Resolves a host the way Python's netrc and curl do (duplicates, `default`, comments and all).
 * @example
 * findMachine(doc, "pkg.example.com"); // { agree: true, credentials: { login: "__token__", password: "gth-…" } }
 */
export function findMachine(doc: NetrcDocument, host: string): MachineLookup {
  const text = serializeNetrc(doc);
  const reading = readNetrcAsPython(text);
  const python = resolveAsPython(reading, host);
  const curlReading = resolveAsCurl(text, host);
  const curl = curlReading.ok ? curlReading.credentials : null;
  if (reading.ok && sameCredentials(python, curl)) return { agree: true, credentials: python };
  return reading.ok ? { agree: false, python, curl } : { agree: false, python, curl, pythonError: reading.error };
}
