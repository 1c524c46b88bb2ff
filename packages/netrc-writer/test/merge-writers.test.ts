import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse as parseToml } from "smol-toml";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import {
  type MergeOutput,
  mergeCondarc,
  mergeCurlrc,
  mergeEnvFile,
  mergePipConf,
  mergeRProfile,
  mergeUvToml,
  type Result,
} from "../src/index.js";

const DIR = path.join(import.meta.dirname, "fixtures", "merge");
const URL = "http://127.0.0.1:4242/pypi/latest/simple/";
// biome-ignore lint/suspicious/noTemplateCurlyInString: conda's and the shell's own ${VAR} syntax, not a template
const CONDA = "http://127.0.0.1:4242/t/${GATEHOUSE_TOKEN}/conda/latest";

type Merge = (existing: string | null) => Result<MergeOutput>;

const CASES: Array<{ name: string; input: string | null; expected: string; merge: Merge }> = [
  { name: "pip.conf, existing", input: "pip-existing.conf", expected: "pip-existing.out.conf", merge: (t) => mergePipConf(t, { indexUrl: URL }) },
  { name: "pip.conf, no [global]", input: "pip-no-global.conf", expected: "pip-no-global.out.conf", merge: (t) => mergePipConf(t, { indexUrl: URL }) },
  { name: "pip.conf, new", input: null, expected: "pip-new.out.conf", merge: (t) => mergePipConf(t, { indexUrl: URL }) },
  { name: "uv.toml, existing", input: "uv-existing.toml", expected: "uv-existing.out.toml", merge: (t) => mergeUvToml(t, { name: "pypi", url: URL }) },
  { name: "uv.toml, new", input: null, expected: "uv-new.out.toml", merge: (t) => mergeUvToml(t, { name: "pypi", url: URL }) },
  { name: ".curlrc, existing", input: "curlrc-existing", expected: "curlrc-existing.out", merge: (t) => mergeCurlrc(t, { netrcFile: "/home/ana/.netrc" }) },
  { name: ".curlrc, new", input: null, expected: "curlrc-new.out", merge: (t) => mergeCurlrc(t, { netrcFile: "/home/ana b/.netrc" }) },
  { name: ".condarc, existing", input: "condarc-existing.yml", expected: "condarc-existing.out.yml", merge: (t) => mergeCondarc(t, { channelUrl: CONDA }) },
  { name: ".condarc, no channels", input: "condarc-no-channels.yml", expected: "condarc-no-channels.out.yml", merge: (t) => mergeCondarc(t, { channelUrl: CONDA }) },
  {
    name: "R profile, existing block",
    input: "rprofile-existing.R",
    expected: "rprofile-existing.out.R",
    merge: (t) => mergeRProfile(t, { repoName: "cran", url: "http://127.0.0.1:4242/cran/latest", netrcFile: "/home/ana/.netrc", platform: "linux" }),
  },
  {
    name: "R profile, new, path with a space",
    input: null,
    expected: "rprofile-new.out.R",
    merge: (t) => mergeRProfile(t, { repoName: "cran", url: "http://127.0.0.1:4242/cran/latest", netrcFile: "/home/ana b/.netrc", platform: "linux" }),
  },
  { name: "Connect env file", input: "connect-existing.env", expected: "connect-existing.out.env", merge: (t) => mergeEnvFile(t, { NETRC: "/etc/netrc" }) },
];

function unwrap(result: Result<MergeOutput>): MergeOutput {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe("config writers merge into existing files", () => {
  it.each(CASES)("$name matches its golden file and is idempotent", ({ input, expected, merge }) => {
    const before = input === null ? null : readFileSync(path.join(DIR, input), "utf8");
    const out = unwrap(merge(before));
    const golden = path.join(DIR, expected);
    if (process.env["UPDATE_GOLDEN"] === "1") writeFileSync(golden, out.text);
    expect(out.text).toBe(readFileSync(golden, "utf8"));
    expect(unwrap(merge(out.text)).text).toBe(out.text);
  });

  it("pip.conf: keeps comments and other sections, warns about a per-command index-url", () => {
    const out = unwrap(mergePipConf("[global]\n# c\n\n[install]\nindex-url = http://other/simple\n", { indexUrl: URL }));
    expect(out.text).toBe(`[global]\nindex-url = ${URL}\n# c\n\n[install]\nindex-url = http://other/simple\n`);
    expect(out.notes.join(" ")).toMatch(/\[install\].*wins over \[global\]/);
  });

  it("uv.toml: the result parses and holds one default index of ours, others kept", () => {
    const out = unwrap(mergeUvToml(readFileSync(path.join(DIR, "uv-existing.toml"), "utf8"), { name: "pypi", url: URL }));
    const parsed = parseToml(out.text) as { index: Array<{ name: string; url: string; default?: boolean }>; pip: unknown };
    expect(parsed.index.map((i) => i.name)).toEqual(["pytorch", "pypi"]);
    expect(parsed.index[1]).toEqual({ name: "pypi", url: URL, default: true });
    expect(parsed.pip).toEqual({ "compile-bytecode": true });
  });

  it("uv.toml: refuses invalid TOML and inline index arrays", () => {
    expect(mergeUvToml("x = [", { name: "p", url: URL })).toMatchObject({ ok: false, error: { code: "CONFIG_PARSE" } });
    expect(mergeUvToml('index = [{ name = "a", url = "http://a" }]\n', { name: "p", url: URL })).toMatchObject({
      ok: false,
      error: { code: "CONFIG_UNSUPPORTED" },
    });
  });

  it("uv.toml: notes another default index", () => {
    const out = unwrap(mergeUvToml('[[index]]\nname = "corp"\nurl = "http://corp"\ndefault = true\n', { name: "p", url: URL }));
    expect(out.notes[0]).toMatch(/"corp" as default/);
  });

  it(".condarc: ours first, the old token URL of the same channel replaced, comments kept", () => {
    const out = unwrap(mergeCondarc(readFileSync(path.join(DIR, "condarc-existing.yml"), "utf8"), { channelUrl: CONDA }));
    expect((parseYaml(out.text) as { channels: string[] }).channels).toEqual([CONDA, "conda-forge", "defaults"]);
    expect(out.text).toContain("# community packages");
    expect(out.text).toContain("always_yes: true # no prompts");
  });

  it(".condarc: refuses invalid YAML and a non-list channels key", () => {
    expect(mergeCondarc("channels: [a\n", { channelUrl: CONDA })).toMatchObject({ ok: false, error: { code: "CONFIG_PARSE" } });
    expect(mergeCondarc("channels: abc\n", { channelUrl: CONDA })).toMatchObject({ ok: false, error: { code: "CONFIG_UNSUPPORTED" } });
  });

  it("R profile: refuses a block with a missing end marker", () => {
    expect(mergeRProfile("# >>> gatehouse >>>\nx\n", { repoName: "r", url: "http://h/r" })).toMatchObject({
      ok: false,
      error: { code: "CONFIG_PARSE" },
    });
  });

  it("R profile: quotes the netrc path for cmd.exe on Windows", () => {
    const out = unwrap(mergeRProfile(null, { repoName: "r", url: "http://h/r", netrcFile: "C:\\Users\\a b\\_netrc", platform: "win32" }));
    expect(out.text).toContain('download.file.extra = "--netrc-file \\"C:\\\\Users\\\\a b\\\\_netrc\\" --fail"');
  });

  it(".curlrc: one netrc-file line even when several were there", () => {
    const out = unwrap(mergeCurlrc("--netrc-file /a\n-s\n--netrc-file /b\n", { netrcFile: "/n" }));
    expect(out.text).toBe('--netrc-file "/n"\n-s\n');
  });

  it("env file: updates in place, keeps export, drops duplicates, appends missing keys", () => {
    const out = unwrap(mergeEnvFile("export NETRC=/a\nX=1\nNETRC=/b\n", { NETRC: "/etc/netrc", NEW: "a b" }));
    expect(out.text).toBe('export NETRC=/etc/netrc\nX=1\n\nNEW="a b"\n');
  });
});
