import { describe, expect, it } from "vitest";
import { pathParamNames, protocolOperations } from "../src/index.js";

const ops = protocolOperations();
const byId = (id: string) => ops.find((op) => op.id === id);

describe("protocolOperations", () => {
  it("documents every path parameter, answer and tag", () => {
    for (const op of ops) {
      expect(op.id).toMatch(/^protocols\.(python|r|conda)\.[A-Za-z0-9]+$/);
      expect(op.tag).toBe(`protocols: ${op.id.split(".")[1]}`);
      for (const name of pathParamNames(op.path)) expect(op.paramDocs[name], `${op.id} ${name}`).toBeTruthy();
      expect(op.responses.length).toBeGreaterThan(0);
      expect(op.scopes).not.toBe("");
    }
  });

  it("names the /t/<token>/ prefix on every endpoint", () => {
    for (const op of ops) expect(op.description).toContain("/t/<token>/");
  });

  it("covers the URLs of SPEC §2, undated and dated", () => {
    const paths = ops.map((op) => `${op.method} ${op.path}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        "GET /:repo/simple/",
        "GET /:repo/:snapshot/simple/",
        "GET /:repo/simple/:project/",
        "GET /:repo/:snapshot/simple/:project/",
        "GET /:repo/files/:sha256/:filename",
        "GET /:repo/files/:sha256/:filename.metadata",
        "POST /:repo/legacy/",
        "GET /:repo/src/contrib/PACKAGES",
        "GET /:repo/src/contrib/PACKAGES.gz",
        "GET /:repo/src/contrib/PACKAGES.rds",
        "GET /:repo/:snapshot/src/contrib/:filename",
        "GET /:repo/src/contrib/Archive/:package/:filename",
        "GET /:repo/src/contrib/Meta/archive.rds",
        "GET /:repo/config.yaml",
        "GET /:repo/packages/:biocVersion/bioc/src/contrib/:file",
        "GET /:repo/packages/:biocVersion/data/annotation/src/contrib/:file",
        "GET /:repo/:subdir/repodata.json",
        "GET /:repo/:snapshot/label/:label/:subdir/repodata.json",
        "GET /:repo/channeldata.json",
        "GET /:repo/label/:label/:subdir/:filename",
        "GET /:repo/:subdir/repodata.json.zst",
      ]),
    );
  });

  it("states media types: PEP 691 for the simple index, multipart for twine", () => {
    expect(byId("protocols.python.simpleProject")?.responses[0]?.mediaTypes).toEqual(expect.arrayContaining(["application/vnd.pypi.simple.v1+json", "application/vnd.pypi.simple.v1+html"]));
    expect(byId("protocols.python.simpleProject")?.headers).toHaveProperty("accept");
    expect(byId("protocols.python.upload")?.requestBody?.contentType).toBe("multipart/form-data");
    expect(byId("protocols.conda.repodataZst")?.responses.map((r) => r.status)).toEqual([404]);
  });
});
