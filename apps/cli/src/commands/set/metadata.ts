import { ops } from "@gatehouse/api-contract";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../../base-command.js";

/** `gatehouse set metadata`. */
export default class SetMetadata extends BaseCommand<typeof SetMetadata> {
  static override summary = "Set a note on a package (an empty --value removes the key); needs metadata:admin";
  static override examples = [
    "gatehouse set metadata --name requests --key owner --value platform-team",
    'gatehouse set metadata --name requests --key advisory --value ""',
  ];
  static override flags = {
    name: Flags.string({ description: "package name (any spelling: Data.Table, data_table and data-table share notes)", required: true }),
    key: Flags.string({ description: "key: a-z, 0-9, '.', '_' or '-', e.g. owner, advisory", required: true }),
    value: Flags.string({ description: "value (at most 2000 characters); empty removes the key", required: true }),
  };

  async run(): Promise<void> {
    const f = this.flags;
    const params = { name: f.name, key: f.key };
    const api = await this.api();
    if (f.value === "") {
      const { deleted } = await api.op(ops.policy.deleteMetadata, { params });
      if (this.json) return this.printJson({ deleted });
      return this.note(`removed ${deleted.key} from ${deleted.name}`);
    }
    const entry = await api.op(ops.policy.setMetadata, { params, body: { value: f.value } });
    if (this.json) return this.printJson(entry);
    this.note(`set ${entry.key} on ${entry.name}; see it with: gatehouse list metadata --name ${entry.name}`);
  }
}
