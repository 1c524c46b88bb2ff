import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type InProcessCli, openInProcessCli } from "../testing/in-process-cli.js";

// Each command runs in this process against an embedded database in a temporary folder (local mode).
describe("blocklist and metadata commands (local mode, in process)", () => {
  let cli: InProcessCli;
  beforeAll(async () => {
    cli = await openInProcessCli("gh-cli-blocklist-");
  });
  afterAll(() => cli?.close());
  const gatehouse: InProcessCli["run"] = (id, ...argv) => cli.run(id, ...argv);

  it("creates, lists and deletes a rule, in human and JSON output", async () => {
    expect((await gatehouse("create:repo", "--name", "pypi", "--type", "python")).exitCode).toBe(0);
    const created = await gatehouse("create:blocklist-rule", "--name", "requests", "--versions", "<2.32", "--repo", "pypi", "--reason", "CVE-2024-35195");
    expect(created.exitCode).toBe(0);
    const id = created.stdout.trim();
    expect(id).toMatch(/^blk_/);
    expect(created.stderr).toContain(`blocked requests <2.32 in repo pypi; undo with: gatehouse delete blocklist-rule --id ${id}`);

    const table = await gatehouse("list:blocklist-rules");
    expect(table.stdout).toMatch(/^ID\s+NAME\s+VERSIONS\s+REPO\s+CREATED BY\s+CREATED\s+REASON\n/);
    expect(table.stdout).toContain("CVE-2024-35195");
    const json = JSON.parse((await gatehouse("list:blocklist-rules", "-o", "json")).stdout) as { id: string }[];
    expect(json).toMatchObject([{ id, name: "requests", versions: "<2.32", repo: "pypi", createdBy: "local" }]);

    expect((await gatehouse("delete:blocklist-rule", "--id", id)).stderr).toContain(`deleted blocklist rule ${id}`);
    expect((await gatehouse("list:blocklist-rules")).stderr).toContain("no blocklist rules");
  });

  it("reports bad input as one line naming the flag, without a stack trace", async () => {
    const badRange = await gatehouse("create:blocklist-rule", "--name", "x", "--versions", "==1.4.*", "--reason", "r");
    expect(badRange.exitCode).toBe(2);
    expect(badRange.stderr).toMatch(/^gatehouse: --versions: invalid version range: .*name a repo \(--repo\)/);
    expect(badRange.stderr).not.toContain("    at ");
    const unknownRepo = await gatehouse("create:blocklist-rule", "--name", "x", "--repo", "nope", "--reason", "r");
    expect(unknownRepo.stderr).toMatch(/^gatehouse: --repo: no repo named 'nope'/);
    const missing = await gatehouse("delete:blocklist-rule", "--id", "blk_missing");
    expect(missing.stderr).toContain("--id: no blocklist rule with id 'blk_missing'; list them with `gatehouse list blocklist-rules`");
  });

  it("sets, lists and removes package notes", async () => {
    const set = await gatehouse("set:metadata", "--name", "Data.Table", "--key", "owner", "--value", "platform");
    expect(set.stderr).toContain("set owner on data-table");
    const listed = JSON.parse((await gatehouse("list:metadata", "--name", "data_table", "-o", "json")).stdout) as unknown[];
    expect(listed).toMatchObject([{ name: "data-table", key: "owner", value: "platform", updatedBy: "local" }]);
    expect((await gatehouse("list:metadata")).stdout).toMatch(/^NAME\s+KEY\s+UPDATED BY\s+UPDATED\s+VALUE\ndata-table\s+owner\s+local\s+\S+\s+platform\n$/);
    const badKey = await gatehouse("set:metadata", "--name", "x", "--key", "Owner", "--value", "v");
    expect(badKey).toMatchObject({ exitCode: 2, stderr: expect.stringMatching(/^gatehouse: --key: invalid metadata key 'Owner'/) });
    expect((await gatehouse("set:metadata", "--name", "data-table", "--key", "owner", "--value", "")).stderr).toContain("removed owner from data-table");
    expect((await gatehouse("list:metadata", "--repo", "nope")).stderr).toContain("--repo: no repo named 'nope'");
  });
});
