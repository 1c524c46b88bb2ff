import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import {
  applyClientConfig,
  type ClientConfigPlan,
  type ClientConfigRequest,
  planClientConfig,
  readFileOrNull,
  renderDiff,
} from "../src/index.js";

const TOKEN = `gth-${"AbCd".repeat(10)}WxYz12`; // 50 characters, like a real token
const URL = "http://127.0.0.1:4242/pypi/latest/simple/";
const HOME = "/home/ana";

function memoryFs(initial: Record<string, string> = {}) {
  const files = new Map(Object.entries(initial));
  return {
    files,
    read: (file: string): string | null => files.get(file) ?? null,
    apply(plan: ClientConfigPlan): void {
      for (const change of plan.changes) files.set(change.path, change.after);
    },
  };
}

function plan(req: Partial<ClientConfigRequest>, read: (file: string) => string | null): ClientConfigPlan {
  const result = planClientConfig({ url: URL, clients: [], home: HOME, platform: "linux", ...req }, read);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe("planClientConfig", () => {
  it("plans netrc, pip, uv, R, conda, curl and Connect files, and a second run changes nothing", () => {
    const fs = memoryFs({ "/home/ana/.netrc": "# keep me\nmachine other.test login u password p\n" });
    const req = { token: TOKEN, clients: ["pip", "uv", "r", "conda", "curl", "connect"] as const, connectEnvFile: "/etc/connect.env" };
    const first = plan(req, fs.read);
    const byPath = Object.fromEntries(first.changes.map((c) => [c.path, c]));
    expect(Object.keys(byPath).sort()).toEqual([
      "/etc/connect.env",
      "/etc/netrc",
      "/home/ana/.Rprofile",
      "/home/ana/.condarc",
      "/home/ana/.config/pip/pip.conf",
      "/home/ana/.config/uv/uv.toml",
      "/home/ana/.curlrc",
      "/home/ana/.netrc",
    ]);
    expect(byPath["/home/ana/.netrc"]).toMatchObject({
      after: `# keep me\nmachine other.test login u password p\nmachine 127.0.0.1 login __token__ password ${TOKEN}\n`,
      mode: 0o600,
      secret: true,
      client: "netrc",
    });
    expect(byPath["/etc/netrc"]).toMatchObject({ mode: 0o600, secret: true, client: "netrc" });
    expect(byPath["/home/ana/.condarc"]).toMatchObject({ mode: 0o600, secret: true });
    expect((parseYaml(byPath["/home/ana/.condarc"]?.after ?? "") as { channels: string[] }).channels).toEqual([
      `http://127.0.0.1:4242/t/${TOKEN}/pypi/latest/simple/`,
    ]);
    for (const file of ["/home/ana/.config/pip/pip.conf", "/home/ana/.config/uv/uv.toml", "/home/ana/.curlrc", "/home/ana/.Rprofile"]) {
      expect(byPath[file]?.after).not.toContain(TOKEN);
      expect(byPath[file]).toMatchObject({ mode: 0o644, secret: false });
    }
    expect(byPath["/etc/connect.env"]?.after).toBe("NETRC=/etc/netrc\n");
    expect(first.tryCommands).toHaveLength(6);
    expect(first.tryCommands[0]).toBe(`pip install --index-url ${URL} <package>`);

    fs.apply(first);
    const second = plan(req, fs.read);
    expect(second.changes).toEqual([]);
    expect(second.unchanged).toHaveLength(8);
  });

  it("with tokenEnv, references the variable where clients allow it and says where they cannot", () => {
    const fs = memoryFs();
    const result = plan({ tokenEnv: "GATEHOUSE_TOKEN", clients: ["pip", "uv", "r", "conda", "curl"], repoName: "corp" }, fs.read);
    expect(result.changes.map((c) => c.path)).not.toContain("/home/ana/.netrc");
    const condarc = result.changes.find((c) => c.client === "conda");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: conda's and the shell's own ${VAR} syntax, not a template
    expect(condarc?.after).toContain("/t/${GATEHOUSE_TOKEN}/pypi/latest/simple/");
    expect(condarc?.secret).toBe(false);
    const notes = result.notes.join("\n");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: conda's and the shell's own ${VAR} syntax, not a template
    expect(notes).toContain('export PIP_INDEX_URL="http://__token__:${GATEHOUSE_TOKEN}@127.0.0.1:4242/pypi/latest/simple/"');
    expect(notes).toContain('UV_INDEX_CORP_USERNAME=__token__ UV_INDEX_CORP_PASSWORD="$GATEHOUSE_TOKEN"');
    expect(notes).toContain("R reads $GATEHOUSE_TOKEN when it starts");
    const rprofile = result.changes.find((c) => c.client === "r")?.after ?? "";
    expect(rprofile).toContain('local({ t <- Sys.getenv("GATEHOUSE_TOKEN"); if (nzchar(t))');
    expect(rprofile).toContain('paste("machine", "127.0.0.1", "login __token__ password", t)');
    expect(result.tryCommands).toContain(`curl --fail --silent --show-error -u "__token__:$GATEHOUSE_TOKEN" ${URL}`);
    expect(notes).toContain(
      "$GATEHOUSE_TOKEN is referenced by r in the R profile (Sys.getenv), conda in .condarc (the channel's /t/ segment); pip, uv, curl cannot read it from their files",
    );
  });

  it("with token and tokenEnv, still writes the netrc and says it holds the token", () => {
    const result = plan({ token: TOKEN, tokenEnv: "T", clients: ["curl"] }, memoryFs().read);
    expect(result.changes.some((c) => c.path === "/home/ana/.netrc")).toBe(true);
    expect(result.notes.join("\n")).toContain("/home/ana/.netrc holds the token itself");
  });

  const REPOS = [
    { name: "pypi", kind: "python", url: "http://127.0.0.1:4242/pypi/latest/simple/" },
    { name: "cran", kind: "r", url: "http://127.0.0.1:4242/cran/latest" },
    { name: "bioc", kind: "bioconductor", url: "http://127.0.0.1:4242/bioc/latest" },
    { name: "channel", kind: "conda", url: "http://127.0.0.1:4242/channel" },
  ] as const;

  it("gives each client the repos of its type, and keeps an R repo when a Bioconductor one is added later", () => {
    const fs = memoryFs();
    const biocConfig = { path: "/home/ana/.config/gatehouse/bioc/bioc/config.yaml", text: 'release_version: "3.16"\n' };
    const first = plan({ url: undefined, repos: REPOS, token: TOKEN, clients: ["pip", "r", "conda"] }, fs.read);
    const by = (p: ReturnType<typeof plan>, client: string) => p.changes.find((c) => c.client === client)?.after ?? "";
    expect(by(first, "pip")).toBe("[global]\nindex-url = http://127.0.0.1:4242/pypi/latest/simple/\n");
    expect(by(first, "r")).toContain('r["cran"] <- "http://127.0.0.1:4242/cran/latest"');
    expect(by(first, "r")).not.toContain("pypi");
    expect(by(first, "conda")).toContain(`/t/${TOKEN}/channel`);
    fs.apply(first);
    const second = plan({ url: undefined, repos: [REPOS[2]], token: TOKEN, clients: ["bioc"], biocConfig }, fs.read);
    fs.apply(second);
    const rprofile = fs.files.get("/home/ana/.Rprofile") ?? "";
    expect(rprofile).toContain('r["cran"] <- "http://127.0.0.1:4242/cran/latest"');
    expect(rprofile).toContain(`Sys.setenv(BIOCONDUCTOR_CONFIG_FILE = "${biocConfig.path}")`);
    expect(rprofile).toContain('options(BioC_mirror = "http://127.0.0.1:4242/bioc/latest")');
    expect(fs.files.get(biocConfig.path)).toBe(biocConfig.text);
    expect(rprofile.match(/download\.file\.method/g)).toHaveLength(1);
  });

  it("refuses --for r with only a Bioconductor repo, pointing at --for bioc", () => {
    const result = planClientConfig({ repos: [REPOS[2]], clients: ["r"], home: HOME, platform: "linux" }, memoryFs().read);
    expect(result).toMatchObject({ ok: false, error: { code: "REPO_KIND_MISSING" } });
    expect(!result.ok && result.error.message).toMatch(/--for bioc/);
  });

  it("never replaces another token of the host in netrc unless told to, and then says so", () => {
    const other = `gth-${"Zz".repeat(20)}Qq99Aa`;
    const fs = memoryFs({ "/home/ana/.netrc": `machine 127.0.0.1 login __token__ password ${other}\n` });
    const refused = planClientConfig({ url: URL, token: TOKEN, clients: ["pip"], home: HOME, platform: "linux" }, fs.read);
    expect(refused).toMatchObject({ ok: false, error: { code: "NETRC_TOKEN_CONFLICT" } });
    expect(!refused.ok && refused.error.message).not.toContain(other);
    const replaced = plan({ token: TOKEN, clients: ["pip"], replaceToken: true }, fs.read);
    expect(replaced.notes.join("\n")).toMatch(/replaced the token for 127\.0\.0\.1/);
  });

  it("writes the whole Connect set-up: system netrc, the RunAs user's .curlrc, NETRC= and /etc/pip.conf", () => {
    const connect = { envFile: "/r/etc/default/rstudio-connect", runAsHome: "/r/home/rstudio-connect", pipConf: "/r/etc/pip.conf", pipTimeout: 60 };
    const result = plan({ url: undefined, repos: [REPOS[0], REPOS[1]], token: TOKEN, clients: ["connect"], serverNetrcFile: "/r/etc/netrc", connect }, memoryFs().read);
    const byPath = Object.fromEntries(result.changes.map((c) => [c.path, c.after]));
    expect(byPath["/r/etc/netrc"]).toBe(`machine 127.0.0.1 login __token__ password ${TOKEN}\n`);
    expect(byPath["/r/home/rstudio-connect/.curlrc"]).toBe('--netrc-file "/r/etc/netrc"\n--fail\n');
    expect(byPath["/r/etc/default/rstudio-connect"]).toBe("NETRC=/r/etc/netrc\n");
    expect(byPath["/r/etc/pip.conf"]).toBe("[global]\ntimeout = 60\ntrusted-host = 127.0.0.1\nindex-url = http://127.0.0.1:4242/pypi/latest/simple/\n");
    expect(result.notes.join("\n")).toContain('[RPackageRepository "CRAN"] URL = http://127.0.0.1:4242/cran/latest');
  });

  it("uses _netrc and Windows folders on win32", () => {
    const result = plan({ token: TOKEN, clients: ["pip"], home: "C:\\Users\\ana", platform: "win32" }, memoryFs().read);
    expect(result.changes.map((c) => c.path).sort()).toEqual(["C:\\Users\\ana\\AppData\\Roaming\\pip\\pip.ini", "C:\\Users\\ana\\_netrc"]);
  });

  it("notes an existing netrc that Python cannot read", () => {
    const fs = memoryFs({ "/home/ana/.netrc": "machine a login x password y\n\n# note\n" });
    expect(plan({ token: TOKEN, clients: ["pip"] }, fs.read).notes.join("\n")).toMatch(/Python's netrc module cannot read/);
  });

  it.each([
    [{ url: "ftp://x/y" }, "URL_INVALID"],
    [{ token: "has space" }, "NETRC_UNSAFE_VALUE"],
    [{ tokenEnv: "1BAD" }, "TOKEN_ENV_INVALID"],
    [{ clients: ["npm"] as never }, "CLIENT_UNKNOWN"],
    [{ clients: ["connect"] as const }, "CONNECT_ENV_FILE_REQUIRED"],
    [{ repoName: "bad name" }, "CONFIG_UNSUPPORTED"],
  ])("refuses %j with %s", (req, code) => {
    const result = planClientConfig({ url: URL, clients: ["pip"], home: HOME, ...req }, memoryFs().read);
    expect(result).toMatchObject({ ok: false, error: { code } });
  });

  it("refuses to edit a netrc it cannot parse, naming the file", () => {
    const fs = memoryFs({ "/home/ana/.netrc": 'machine a login "unclosed\n' });
    const result = planClientConfig({ url: URL, token: TOKEN, clients: ["pip"], home: HOME, platform: "linux" }, fs.read);
    expect(result).toMatchObject({ ok: false, error: { code: "NETRC_PARSE" } });
    expect(!result.ok && result.error.message).toMatch(/^\/home\/ana\/\.netrc: netrc line 1/);
  });
});

describe("renderDiff", () => {
  it("masks the token in netrc, conda URLs and everywhere else", () => {
    const result = plan({ token: TOKEN, clients: ["pip", "conda"] }, memoryFs({ "/home/ana/.netrc": "machine o login u password plain-secret\n" }).read);
    const text = result.changes.map(renderDiff).join("\n");
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain("plain-secret");
    expect(text).toContain("+machine 127.0.0.1 login __token__ password gth-AbCd…Yz12");
    expect(text).toContain("/t/gth-AbCd…Yz12/");
    expect(text).toContain(" machine o login u password ****");
  });

  it("renders a unified diff with hunk headers and the missing-newline marker", () => {
    const diff = renderDiff({ path: "/f", before: "a\nb\nc", after: "a\nB\nc\n", mode: 0o644, secret: false, client: "pip" });
    expect(diff).toBe(
      ["--- /f", "+++ /f", "@@ -1,3 +1,3 @@", " a", "-b", "-c", "\\ No newline at end of file", "+B", "+c", ""].join("\n"),
    );
    expect(renderDiff({ path: "/n", before: null, after: "x\n", mode: 0o644, secret: false, client: "pip" })).toBe(
      "--- /dev/null\n+++ /n\n@@ -0,0 +1,1 @@\n+x\n",
    );
  });
});

describe.skipIf(process.platform === "win32")("applyClientConfig", () => {
  it("writes every change atomically with the planned modes; a second plan finds nothing to do", async () => {
    const home = mkdtempSync(path.join(tmpdir(), "home-"));
    try {
      writeFileSync(path.join(home, ".condarc"), "channels:\n  - defaults\n", { mode: 0o644 });
      const req: ClientConfigRequest = { url: URL, token: TOKEN, clients: ["pip", "conda", "curl"], home, platform: "linux" };
      const first = planClientConfig(req);
      if (!first.ok) throw new Error(first.error.message);
      await applyClientConfig(first.value);
      expect(statSync(path.join(home, ".netrc")).mode & 0o777).toBe(0o600);
      expect(statSync(path.join(home, ".condarc")).mode & 0o777).toBe(0o600);
      expect(statSync(path.join(home, ".curlrc")).mode & 0o777).toBe(0o644);
      expect(readFileSync(path.join(home, ".config", "pip", "pip.conf"), "utf8")).toBe(`[global]\nindex-url = ${URL}\n`);
      const second = planClientConfig(req, readFileOrNull);
      expect(second.ok && second.value.changes).toEqual([]);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
