import { ops } from "@gatehouse/api-contract";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../../base-command.js";

/** `gatehouse set package-access`. */
export default class SetPackageAccess extends BaseCommand<typeof SetPackageAccess> {
  static override summary = "Make a package private (only its owner and granted groups see it) or public again";
  static override examples = [
    "gatehouse set package-access --source internal --name secret-sauce --private true",
    "gatehouse set package-access --source internal --name secret-sauce --owner alice@example.com",
  ];
  static override flags = {
    source: Flags.string({ description: "source holding the package", required: true }),
    name: Flags.string({ description: "package name", required: true }),
    private: Flags.string({ description: "whether the package is private", options: ["true", "false"], atLeastOne: ["private", "owner"] }),
    owner: Flags.string({ description: "new owner (needs api:modify-group); 'none' for no owner", atLeastOne: ["private", "owner"] }),
  };

  async run(): Promise<void> {
    const f = this.flags;
    const body = {
      ...(f.private !== undefined ? { private: f.private === "true" } : {}),
      ...(f.owner !== undefined ? { owner: f.owner === "none" ? null : f.owner } : {}),
    };
    const info = await (await this.api()).op(ops.identity.setPackageAccess, { params: { source: f.source, name: f.name }, body });
    if (this.json) return this.printJson(info);
    const who = info.owner ? `its owner ${info.owner}` : "no owner";
    this.note(`${info.project} in ${info.source} is ${info.private ? `private (visible to ${who} and granted groups)` : "public"}`);
  }
}
