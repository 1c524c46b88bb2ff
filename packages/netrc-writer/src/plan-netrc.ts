import { TOKEN_LOGIN } from "./client-config-types.js";
import { findMachine } from "./find-machine.js";
import { maskSecret } from "./mask-secrets.js";
import { serializeNetrc } from "./netrc-document.js";
import { upsertMachine } from "./netrc-edit.js";
import { parseNetrc } from "./netrc-parse.js";
import type { FilePlan } from "./plan-files.js";
import { readNetrcAsPython } from "./python-netrc.js";
import { fail, ok, type Result } from "./result.js";

/**
 * The password a netrc already holds for a host (as curl and Python would pick it), or null.
 * @example netrcPasswordFor("machine h login __token__ password gth-…\n", "h") // "gth-…"
 */
export function netrcPasswordFor(text: string, host: string): string | null {
  const doc = parseNetrc(text);
  if (!doc.ok) return null;
  const found = findMachine(doc.value, host);
  const creds = found.agree ? found.credentials : (found.curl ?? found.python);
  return creds?.password ?? null;
}

/**
 * Plans the netrc entry `machine <host> login __token__ password <token>` in one netrc file,
 * with notes when Python and curl would still read the result differently. netrc holds one
 * entry per host, so another token already there is never replaced unless `replace` says the
 * caller made sure nothing is cut off.
 */
export function planNetrcEntry(files: FilePlan, file: string, host: string, token: string, notes: string[], replace = false): Result<void> {
  const before = files.current(file) ?? "";
  const doc = parseNetrc(before);
  if (!doc.ok) return fail(doc.error.code, `${file}: ${doc.error.message}`);
  const old = netrcPasswordFor(before, host);
  if (old !== null && old !== token) {
    if (!replace) {
      return fail(
        "NETRC_TOKEN_CONFLICT",
        `${file} already holds another token for ${host} (${maskSecret(old)}); netrc keeps one token per host, so writing this one would cut off the repos that token reads.`,
      );
    }
    notes.push(`${file}: replaced the token for ${host} (${maskSecret(old)}) with ${maskSecret(token)}.`);
  }
  const next = upsertMachine(doc.value, host, TOKEN_LOGIN, token);
  if (!next.ok) return next;
  const text = serializeNetrc(next.value);
  files.set(file, text, "netrc", true);
  const python = readNetrcAsPython(text);
  if (!python.ok) {
    notes.push(
      `Python's netrc module cannot read ${file} (${python.error}), so pip ignores the whole file. ` +
        "Fix that line; in Python 3.11 a comment line right after a blank line is a common cause.",
    );
    return ok(undefined);
  }
  const found = findMachine(next.value, host);
  if (!found.agree) {
    notes.push(`${file}: Python and curl resolve ${host} to different credentials; check its entries by hand.`);
  }
  return ok(undefined);
}
