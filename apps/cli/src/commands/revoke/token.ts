import { ops } from "@gatehouse/api-contract";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../../base-command.js";

/** `gatehouse revoke token`. */
export default class RevokeToken extends BaseCommand<typeof RevokeToken> {
  static override summary = "Revoke a token for good, by GUID or by the token itself";
  static override flags = {
    guid: Flags.string({ description: "the token's GUID (see gatehouse list tokens)", exactlyOne: ["guid", "token"] }),
    token: Flags.string({ description: "the token itself", exactlyOne: ["guid", "token"] }),
  };

  async run(): Promise<void> {
    const api = await this.api();
    const body = this.flags.guid ? { guid: this.flags.guid } : { token: this.flags.token ?? "" };
    const revoked = await api.op(ops.tokens.revoke, { body });
    if (this.json) this.printJson(revoked);
    else this.note(`revoked ${revoked.display} (guid ${revoked.guid}, user ${revoked.user})`);
  }
}
