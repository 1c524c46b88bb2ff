import fc from "fast-check";

/** Hosts used by generated files; the upper-case one is a case-variant duplicate of the target for curl. */
export const GENERATED_HOSTS = ["a.example.test", "b.example.test", "pkg.gatehouse.test", "PKG.Gatehouse.test"];

const space = fc.constantFrom(" ", "\t", "  ", "\n", "\r\n", "\n  ");
// curl reads a CRLF break between a keyword and its value as an empty value, so "safe" files avoid it.
const safeSpace = fc.constantFrom(" ", "\t", "  ", "\n", "\n  ");
const safeValue = fc.constantFrom("alice", "bob", "s3cret", "gth-x", "__token__", '"q u"', '"x#y"', "a#b");
const anyValue = fc.oneof(safeValue, fc.constantFrom('""', '"with\\"quote"', "back\\slash"));
const lineEnd = fc.constantFrom("\n", "\r\n");

function entry(value: fc.Arbitrary<string>, sep: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...GENERATED_HOSTS), value, value, fc.option(value), fc.array(sep, { minLength: 5, maxLength: 5 }))
    .map(([host, login, password, account, [s1, s2, s3, s4, s5]]) => {
      const acct = account === null ? "" : ` account ${account}`;
      return `machine${s1}${host}${s2}login${s3}${login}${s4}password${s5}${password}${acct}`;
    });
}

/** A realistic netrc file: entries, comments, blank lines, macros, a `default`, mixed line endings. */
export function netrcText(options: { safeValues?: boolean } = {}): fc.Arbitrary<string> {
  const value = options.safeValues ? safeValue : anyValue;
  const piece = fc.oneof(
    { weight: 5, arbitrary: fc.tuple(entry(value, options.safeValues ? safeSpace : space), lineEnd).map(([e, nl]) => e + nl) },
    { weight: 1, arbitrary: fc.constantFrom("# a comment\n", "#tight comment\n", "\n", "  \n", "# c\r\n") },
    { weight: 1, arbitrary: fc.constant("macdef init\ncd /pub\nmachine pkg.gatehouse.test login m password m\n\n") },
    { weight: 1, arbitrary: fc.tuple(value, value).map(([l, p]) => `default login ${l} password ${p}\n`) },
  );
  return fc
    .tuple(fc.array(piece, { maxLength: 8 }), fc.boolean())
    .map(([pieces, dropFinalNewline]) => {
      const text = pieces.join("");
      return dropFinalNewline ? text.replace(/\r?\n$/, "") : text;
    });
}
