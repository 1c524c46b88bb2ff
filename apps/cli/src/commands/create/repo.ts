import { ops } from "@gatehouse/api-contract";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../../base-command.js";

/** `gatehouse create repo`. */
export default class CreateRepo extends BaseCommand<typeof CreateRepo> {
  static override summary = "Create a repository clients install from";
  static override examples = [
    "gatehouse create repo --name pypi-internal --type python --authenticated --description 'internal wheels'",
    "gatehouse create repo --name=cran-internal --authenticated   # type r, as rspm",
  ];
  static override booleanValueFlags = ["authenticated"];
  static override flags = {
    name: Flags.string({ description: "repo name (a-z, 0-9, '.', '_', '-')", required: true }),
    type: Flags.string({ description: "repo type (default r, as in Posit Package Manager)", options: ["python", "r", "bioconductor", "conda"] }),
    description: Flags.string({ description: "what the repo holds" }),
    authenticated: Flags.boolean({ description: "require a token to read (default: setting auth.newReposAuthByDefault)", allowNo: true }),
  };

  async run(): Promise<void> {
    const f = this.flags;
    const body = {
      name: f.name,
      ...(f.type !== undefined ? { type: f.type } : {}),
      ...(f.description !== undefined ? { description: f.description } : {}),
      ...(f.authenticated !== undefined ? { authenticated: f.authenticated } : {}),
    };
    const repo = await (await this.api()).op(ops.repos.create, { body });
    if (this.json) return this.printJson(repo);
    this.note(`created ${repo.type} repo '${repo.name}' (${repo.authenticated ? "authenticated" : "public"}); next: gatehouse subscribe --repo ${repo.name} --source <source>`);
  }
}
