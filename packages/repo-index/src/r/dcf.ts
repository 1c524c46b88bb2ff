import { fail, ok } from "../shared/result.js";
import type { Result } from "../shared/result.js";

const FIELD_RE = /^([^\s:]+):(.*)$/;

/**
 * Parses Debian Control File text the way R's `read.dcf` does (with `keep.white = NULL`).
 * Records are separated by blank or whitespace-only lines; a line starting with a space or tab continues
 * the previous field. Each continuation line is stripped of surrounding whitespace, a lone "." stands for
 * an empty line, and the lines are joined with "\n"; the whole value is then trimmed. A repeated field
 * keeps its last value. Errors: DCF_INVALID for a malformed line or a continuation starting a record.
 * @example parseDcf("Package: a\nDepends: R,\n  methods\n").value // [{ Package: "a", Depends: "R,\nmethods" }]
 */
export function parseDcf(text: string): Result<Record<string, string>[]> {
  const records: Record<string, string>[] = [];
  // A Map, not an object, while parsing: a field named "__proto__" must stay plain data.
  let current: Map<string, string> | undefined;
  let field: string | undefined;
  const close = (): void => {
    if (current) records.push(Object.fromEntries([...current].map(([k, v]) => [k, v.trim()])));
    current = undefined;
    field = undefined;
  };
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === "") {
      close();
      continue;
    }
    if (/^[ \t]/.test(line)) {
      if (current === undefined || field === undefined) {
        return fail({ code: "DCF_INVALID", message: `line ${index + 1} is a continuation line at the start of a record` });
      }
      const piece = line.trim();
      current.set(field, `${current.get(field) ?? ""}\n${piece === "." ? "" : piece}`);
      continue;
    }
    const match = FIELD_RE.exec(line);
    if (!match) {
      return fail({ code: "DCF_INVALID", message: `line ${index + 1} is not "Field: value": ${line.slice(0, 60)}` });
    }
    current ??= new Map();
    field = match[1] ?? "";
    current.set(field, (match[2] ?? "").trim());
  }
  close();
  return ok(records);
}
