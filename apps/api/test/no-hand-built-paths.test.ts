import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../../..");
const SCANNED = ["apps/cli/src", "apps/admin/src"];
const API_PATH = /\/__(api|local)__/;

/**
 * Literals that name an API path for people to read, not to request. Each entry: the file, a
 * fragment of the literal, and why it is not a request path. Keep it short.
 */
const ALLOWED: readonly { file: string; text: string; reason: string }[] = [
  { file: "apps/cli/src/commands/serve.ts", text: "/__api__/docs", reason: "prints the docs page's URL for the operator to open" },
];

interface Found {
  file: string;
  line: number;
  text: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "test" || entry.name === "__tests__" ? [] : sourceFiles(path);
    return /\.(ts|tsx|mts)$/.test(entry.name) && !/\.(test|spec)\.[mc]?tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

/** Every string literal or template (its literal parts joined) that mentions /__api__ or /__local__; comments are not scanned. */
function apiPathLiterals(file: string): Found[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: Found[] = [];
  const pending: ts.Node[] = [source];
  for (let node = pending.pop(); node; node = pending.pop()) {
    let literal: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) literal = node.text;
    else if (ts.isTemplateExpression(node)) literal = [node.head.text, ...node.templateSpans.map((s) => `\${…}${s.literal.text}`)].join("");
    if (literal !== undefined && API_PATH.test(literal)) {
      found.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: literal });
    }
    pending.push(...node.getChildren());
  }
  return found;
}

const isAllowed = (f: Found): boolean => ALLOWED.some((a) => a.file === f.file && f.text.includes(a.text));

describe("the CLI and the console build no API paths by hand", () => {
  const found = SCANNED.flatMap(sourceFiles)
    .flatMap(apiPathLiterals)
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);

  it("finds the scanned sources", () => {
    expect(SCANNED.flatMap(sourceFiles).length).toBeGreaterThan(50);
  });

  it("requests /__api__/ and /__local__/ only through the contract (ops.…)", () => {
    const handBuilt = found.filter((f) => !isAllowed(f)).map((f) => `${relative(ROOT, join(ROOT, f.file))}:${f.line} ${f.text}`);
    expect(handBuilt).toEqual([]);
  });

  it("allows only literals that are still there", () => {
    for (const entry of ALLOWED) expect(found.some((f) => f.file === entry.file && f.text.includes(entry.text)), `${entry.file}: ${entry.reason}`).toBe(true);
  });
});
