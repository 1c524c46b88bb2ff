import { ops } from "@gatehouse/api-contract";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../../base-command.js";
import { CliError } from "../../cli-error.js";

/** `gatehouse edit repo`. */
export default class EditRepo extends BaseCommand<typeof EditRepo> {
  static override summary = "Change a repository's description or whether it requires a token";
  static override examples = ["gatehouse edit repo --name pypi-internal --authenticated", "gatehouse edit repo --name=pypi-internal --authenticated=false", "gatehouse edit repo --name pypi-internal --no-authenticated"];
  static override booleanValueFlags = ["authenticated"];
  static override flags = {
    name: Flags.string({ description: "repo name", required: true }),
    authenticated: Flags.boolean({ description: "require a token to read (--authenticated=false or --no-authenticated: public)", allowNo: true }),
    description: Flags.string({ description: "new description" }),
  };

  async run(): Promise<void> {
    const f = this.flags;
    if (f.authenticated === undefined && f.description === undefined) {
      throw new CliError("nothing to change: pass --authenticated, --authenticated=false and/or --description", { code: "INVALID_INPUT", field: "authenticated" });
    }
    const body = {
      ...(f.authenticated !== undefined ? { authenticated: f.authenticated } : {}),
      ...(f.description !== undefined ? { description: f.description } : {}),
    };
    const repo = await (await this.api()).op(ops.repos.edit, { params: { name: f.name }, body });
    if (this.json) return this.printJson(repo);
    this.note(`repo '${repo.name}' is ${repo.authenticated ? "authenticated" : "public"}; description: ${repo.description || "-"}`);
  }
}
