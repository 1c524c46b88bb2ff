import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type InProcessCli, openInProcessCli } from "../testing/in-process-cli.js";

// A minimal wheel written with python3's zipfile (the server inspects uploads for real).
const ZIP_SCRIPT = `
import sys, zipfile
out, name, version = sys.argv[1:4]
info = f"{name}-{version}.dist-info"
with zipfile.ZipFile(out, "w") as z:
    z.writestr(f"{name}/__init__.py", "")
    z.writestr(f"{info}/METADATA", f"Metadata-Version: 2.1\\nName: {name}\\nVersion: {version}\\n")
    z.writestr(f"{info}/WHEEL", "Wheel-Version: 1.0\\nGenerator: test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n")
    z.writestr(f"{info}/RECORD", "")
`;

// Each command runs in this process against an embedded database in a temporary folder (local mode).
describe("repo lifecycle, info, yank, audit, whoami and the seeds' command forms (local mode, in process)", () => {
  let cli: InProcessCli;
  beforeAll(async () => {
    cli = await openInProcessCli("gh-cli-lifecycle-");
  });
  afterAll(() => cli?.close());
  const gatehouse: InProcessCli["run"] = (id, ...argv) => cli.run(id, ...argv);

  it("takes rspm's forms: create repo without --type (an R repo), edit repo --authenticated bare, =false and --no-", async () => {
    expect((await gatehouse("create:repo", "--name=cran", "--authenticated")).stderr).toContain("created r repo 'cran' (authenticated)");
    expect((await gatehouse("edit:repo", "--name=cran", "--authenticated=false")).stderr).toContain("repo 'cran' is public");
    expect((await gatehouse("edit:repo", "--name", "cran", "--authenticated")).stderr).toContain("repo 'cran' is authenticated");
    expect((await gatehouse("edit:repo", "--name", "cran", "--no-authenticated")).stderr).toContain("repo 'cran' is public");
    const bad = await gatehouse("edit:repo", "--name", "cran", "--authenticated=maybe");
    expect(bad).toMatchObject({ exitCode: 2, stderr: expect.stringMatching(/^gatehouse: --authenticated: expected true or false, got 'maybe'/) });
    const typo = await gatehouse("edit:repo", "--name", "crab", "--authenticated");
    expect(typo.stderr).toMatch(/^gatehouse: --name: no repo named 'crab' \(did you mean 'cran'\?\)/);
  });

  it("lists sources, unsubscribes, refuses to delete a served source (naming the repo), deletes it and a repo", async () => {
    await gatehouse("create:source", "--name", "team", "--kind", "python");
    await gatehouse("create:repo", "--name", "py", "--type", "python");
    await gatehouse("subscribe", "--repo", "py", "--source", "team");
    expect((await gatehouse("list:sources")).stdout).toMatch(/^NAME\s+KIND\s+TYPE\s+SERVED BY\s+CREATED\nteam\s+python\s+local\s+py\s+/);
    const served = await gatehouse("delete:source", "--name", "team");
    expect(served).toMatchObject({ exitCode: 1, stderr: expect.stringContaining("--name: source 'team' is served by repo py: unsubscribe it first (gatehouse unsubscribe --repo py --source team)") });
    expect((await gatehouse("unsubscribe", "--repo", "py", "--source", "tema")).stderr).toContain("--source: no source named 'tema' (did you mean 'team'?)");
    expect((await gatehouse("unsubscribe", "--repo", "py", "--source", "team")).stderr).toContain("repo 'py' no longer serves 'team'; it serves: nothing");
    expect((await gatehouse("delete:source", "--name", "team")).stderr).toContain("deleted python source 'team'");
    expect(JSON.parse((await gatehouse("list:sources", "-o", "json")).stdout)).toEqual([]);
    expect((await gatehouse("delete:repo", "--name", "py")).stderr).toContain("deleted repo 'py' with 0 group grant(s), 0 blocklist rule(s); sources kept: none");
  });

  it("shows a package's files, yanks one and takes the yank back, and finds it all in the audit log", async () => {
    await gatehouse("create:source", "--name", "wheels", "--kind", "python");
    await gatehouse("create:repo", "--name", "pypi", "--type", "python");
    await gatehouse("subscribe", "--repo", "pypi", "--source", "wheels");
    const wheel = join(cli.dataDir, "demo-1.0-py3-none-any.whl");
    const built = spawnSync("python3", ["-c", ZIP_SCRIPT, wheel, "demo", "1.0"], { encoding: "utf8" });
    expect(built.stderr).toBe("");
    expect((await gatehouse("add", "--source", "wheels", "--path", wheel)).exitCode).toBe(0);

    const info = await gatehouse("info", "--repo", "pypi", "--name", "Demo");
    expect(info.stdout).toMatch(/^demo in python repo 'pypi' \(public repo\): public package, owner -\nversions: 1\.0\n\nVERSION\s+FILE\s+SOURCE\s+SIZE\s+LABELS\s+YANKED\s+SHA256\n1\.0\s+demo-1\.0-py3-none-any\.whl\s+wheels\s+\d+ B\s+-\s+-\s+[0-9a-f]{64}\n$/);
    expect((await gatehouse("info", "--repo", "pypi", "--name", "demi")).stderr).toContain("--name: no package 'demi' in repo 'pypi' (did you mean 'demo'?)");

    const yanked = await gatehouse("yank", "--source", "wheels", "--file", "demo-1.0-py3-none-any.whl", "--reason", "broken");
    expect(yanked.stderr).toContain("yanked demo-1.0-py3-none-any.whl in 'wheels' (broken); undo with: gatehouse yank --source wheels --file demo-1.0-py3-none-any.whl --undo");
    const json = JSON.parse((await gatehouse("info", "--repo", "pypi", "--name", "demo", "-o", "json")).stdout) as { versions: { files: { yanked: boolean; yankedReason: string }[] }[] };
    expect(json.versions[0]?.files[0]).toMatchObject({ yanked: true, yankedReason: "broken" });
    expect((await gatehouse("yank", "--source", "wheels", "--file", "demo-1.0-py3-none-any.whl", "--undo")).stderr).toContain("is no longer yanked");

    const audit = await gatehouse("audit", "--action", "file.", "--actor", "local", "--since", "1h");
    expect(audit.stdout.split("\n").slice(1, 4).map((l) => l.split(/\s+/)[2])).toEqual(["file.unyank", "file.yank", "file.publish"]);
    expect((await gatehouse("audit", "--since", "last tuesday")).stderr).toMatch(/^gatehouse: --since: cannot read 'last tuesday' as a time/);
  });

  it("says who the local operator is, takes anaconda auth's short forms, and refuses an empty or malformed GATEHOUSE_TOKEN", async () => {
    expect((await gatehouse("whoami")).stdout).toContain("local operator on the server machine");
    const created = await gatehouse("auth", "-c", "-n", "laptop", "-s", "repos conda:download", "--user", "alice");
    expect(created.stdout).toMatch(/^gth-[A-Za-z0-9]{46}\n$/);
    expect((await gatehouse("auth", "-r", "laptop", "--user", "alice")).stderr).toContain("removed token 'laptop' of alice");
    expect((await gatehouse("auth", "-c", "-n", "x", "-s", "conda:downlod", "--user", "alice")).stderr).toContain('Did you mean "conda:download"?');
    const typo = await gatehouse("create:token", "--scope", "repos:read", "--repos", "pypy", "--description", "d", "--user", "alice");
    expect(typo.stderr).toContain("note: no repo named 'pypy' (did you mean 'pypi'?); the token reaches it only once a repo of that name exists");
    expect((await gatehouse("create:token", "--scope", "repos:read", "--repos", "pypy", "--description", "d", "--user", "alice", "--quiet")).stderr).toBe("");

    process.env.GATEHOUSE_ADDRESS = "http://127.0.0.1:9";
    try {
      process.env.GATEHOUSE_TOKEN = "";
      expect(await gatehouse("whoami")).toMatchObject({ exitCode: 2, stderr: expect.stringMatching(/^gatehouse: GATEHOUSE_TOKEN is set but empty\n {2}hint: /) });
      process.env.GATEHOUSE_TOKEN = "gth-short";
      expect((await gatehouse("whoami")).stderr).toMatch(/^gatehouse: GATEHOUSE_TOKEN is not a Gatehouse token: Token length is wrong/);
    } finally {
      delete process.env.GATEHOUSE_ADDRESS;
      delete process.env.GATEHOUSE_TOKEN;
    }
  });
});
