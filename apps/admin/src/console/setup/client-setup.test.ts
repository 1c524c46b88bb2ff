import { describe, expect, it } from "vitest";
import { buildClientSetups, clientConfigCommand } from "./client-setup.js";
import { condaChannelUrl, netrcHost, packageIndexUrl, repoBaseUrl, repoIndexUrl, snapshotSegment } from "./repo-urls.js";
import { createTokenCommand, setupTokenRequest } from "./setup-token.js";

const ORIGIN = "http://pkg.example.com:4242";

function snippetsOf(type: string, name: string, date = ""): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const s of buildClientSetups(ORIGIN, { name, type }, date)) out[s.id] = s.snippets.map((x) => x.text);
  return out;
}

describe("repo URLs (SPEC §2)", () => {
  it.each([
    ["", "latest"],
    ["2025-01-31", "2025-01-31"],
    ["2025-1-31", "latest"],
    ["latest", "latest"],
  ])("snapshot %j → %s", (date, segment) => {
    expect(snapshotSegment(date)).toBe(segment);
  });

  it.each([
    ["python", "http://pkg.example.com:4242/r/2025-01-31/simple/"],
    ["r", "http://pkg.example.com:4242/r/2025-01-31/src/contrib/PACKAGES"],
    ["bioconductor", "http://pkg.example.com:4242/r/2025-01-31/config.yaml"],
    ["conda", "http://pkg.example.com:4242/r/2025-01-31/noarch/repodata.json"],
  ])("the %s index at a date", (type, url) => {
    expect(repoIndexUrl(ORIGIN, { name: "r", type }, "2025-01-31")).toBe(url);
  });

  it("builds base, package, netrc host and conda channel URLs", () => {
    expect(repoBaseUrl(ORIGIN, "a b", "")).toBe("http://pkg.example.com:4242/a%20b/latest");
    expect(packageIndexUrl(ORIGIN, { name: "pypi", type: "python" }, "requests", "")).toBe("http://pkg.example.com:4242/pypi/latest/simple/requests/");
    expect(packageIndexUrl(ORIGIN, { name: "cran", type: "r" }, "ggplot2", "")).toBe("http://pkg.example.com:4242/cran/latest/src/contrib/PACKAGES");
    expect(netrcHost(ORIGIN)).toBe("pkg.example.com");
    expect(netrcHost("http://[::1]:4242")).toBe("::1");
    expect(condaChannelUrl(ORIGIN, "conda", "", "<token>")).toBe("http://pkg.example.com:4242/t/<token>/conda/latest");
  });
});

describe("client setups", () => {
  it.each([
    ["python", ["pip", "uv", "twine", "curl"]],
    ["r", ["r", "curl"]],
    ["bioconductor", ["bioc", "r", "curl"]],
    ["conda", ["conda", "curl"]],
  ])("a %s repo offers %j", (type, ids) => {
    expect(buildClientSetups(ORIGIN, { name: "x", type }, "").map((s) => s.id)).toEqual(ids);
  });

  it("writes pip.conf without the secret and the netrc line with host only", () => {
    const s = snippetsOf("python", "pypi");
    expect(s.pip).toEqual([
      "[global]\nindex-url = http://pkg.example.com:4242/pypi/latest/simple/",
      "machine pkg.example.com login __token__ password <token>",
      "pip install --index-url http://pkg.example.com:4242/pypi/latest/simple/ PACKAGE",
    ]);
    expect(s.uv?.[0]).toBe('[[index]]\nname = "pypi"\nurl = "http://pkg.example.com:4242/pypi/latest/simple/"\ndefault = true');
    expect(s.curl?.[0]).toBe("curl -u __token__:<token> http://pkg.example.com:4242/pypi/latest/simple/");
    expect(s.twine?.[0]).toContain("/pypi/legacy/ -u __token__ -p <upload-token> dist/*");
  });

  it.each([
    ["cran", `options(repos = c(cran = "http://pkg.example.com:4242/cran/2024-06-01"), download.file.method = "curl")`],
    ["cran-2024", `options(repos = c("cran-2024" = "http://pkg.example.com:4242/cran-2024/2024-06-01"), download.file.method = "curl")`],
  ])("points R at %s with curl reading the netrc", (name, profile) => {
    const s = snippetsOf("r", name, "2024-06-01");
    expect(s.r?.[0]).toBe(profile);
    expect(s.r?.[1]).toBe('--netrc-file "/home/<you>/.netrc"');
  });

  it("sets BiocManager's mirror and config file, and conda's /t/<token>/ channel", () => {
    const bioc = snippetsOf("bioconductor", "bioc").bioc?.[0] ?? "";
    expect(bioc).toContain('options(BioC_mirror = "http://pkg.example.com:4242/bioc/latest", download.file.method = "curl")');
    expect(bioc).toContain('Sys.setenv(BIOCONDUCTOR_CONFIG_FILE = "http://pkg.example.com:4242/bioc/latest/config.yaml")');
    expect(snippetsOf("conda", "conda").conda?.[0]).toBe("channels:\n  - http://pkg.example.com:4242/t/<token>/conda/latest");
  });

  it("names the client-config command that writes the same files", () => {
    expect(clientConfigCommand("http://h:4242/pypi/latest/simple/", ["pip", "curl"])).toBe("gatehouse client-config --url http://h:4242/pypi/latest/simple/ --for pip,curl");
    const byId = new Map(buildClientSetups(ORIGIN, { name: "conda", type: "conda" }, "").map((s) => [s.id, s.command]));
    expect(byId.get("conda")).toBe("gatehouse client-config --url http://pkg.example.com:4242/conda/latest --for conda");
  });

  it("mints a repos:read token for one repo, and says how from the CLI", () => {
    const request = setupTokenRequest("pypi", "ann");
    expect(request).toEqual({ scopes: ["repos:read"], repos: ["pypi"], description: "client setup for pypi", user: "ann" });
    expect(createTokenCommand(request)).toBe('gatehouse create token --scope repos:read --repos pypi --description "client setup for pypi" --user ann');
  });
});
