import type { RepoInfo } from "@gatehouse/domain";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../../base-command.js";
import { CliError } from "../../cli-error.js";

/** `gatehouse edit repo`. */
export default class EditRepo extends BaseCommand<typeof EditRepo> {
  static override summary = "Change a repository's description or whether it requires a token";
  static override examples = ["gatehouse edit repo --name pypi-internal --authenticated=false"];
  static override flags = {
    name: Flags.string({ description: "repo name", required: true }),
    authenticated: Flags.string({ description: "require a token to read", options: ["true", "false"] }),
    description: Flags.string({ description: "new description" }),
  };

  async run(): Promise<void> {
    const f = this.flags;
    if (f.authenticated === undefined && f.description === undefined) {
      throw new CliError("nothing to change: pass --authenticated=true|false and/or --description", { code: "INVALID_INPUT" });
    }
    const repo = await (await this.api()).call<RepoInfo>("PATCH", `/__api__/repos/${encodeURIComponent(f.name)}`, {
      ...(f.authenticated !== undefined ? { authenticated: f.authenticated === "true" } : {}),
      ...(f.description !== undefined ? { description: f.description } : {}),
    });
    if (this.json) return this.printJson(repo);
    this.note(`repo '${repo.name}' is ${repo.authenticated ? "authenticated" : "public"}; description: ${repo.description || "-"}`);
  }
}
