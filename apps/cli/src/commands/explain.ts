import { ops } from "@gatehouse/api-contract";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../base-command.js";

/** `gatehouse explain`. */
export default class Explain extends BaseCommand<typeof Explain> {
  static override summary = "Explain whether a token may do an action on a resource, and why";
  static override examples = [
    "gatehouse explain --token $TOKEN --action repo:read --resource repo:pypi",
    "gatehouse explain --token $TOKEN --action source:write --resource source:internal",
  ];
  static override flags = {
    token: Flags.string({ description: "the token to explain (default: the one in GATEHOUSE_TOKEN, in remote mode)" }),
    guid: Flags.string({ description: "or the GUID of the token to explain" }),
    action: Flags.string({ description: "action, e.g. repo:read, source:write, tokens:manage", required: true }),
    resource: Flags.string({ description: "repo:NAME, source:NAME, or nothing for global actions", default: "" }),
  };

  async run(): Promise<void> {
    const api = await this.api();
    const f = this.flags;
    const body = {
      ...(f.token ? { token: f.token } : {}),
      ...(f.guid ? { guid: f.guid } : {}),
      action: f.action,
      resource: f.resource,
    };
    const result = await api.op(ops.account.explain, { body });
    if (this.json) this.printJson(result);
    else this.out(`${result.allowed ? "ALLOWED" : "DENIED"}: ${result.explanation}`);
  }
}
