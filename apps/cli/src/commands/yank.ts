import { ops } from "@gatehouse/api-contract";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../base-command.js";

/** `gatehouse yank`: PEP 592 yanks of Python files. */
export default class Yank extends BaseCommand<typeof Yank> {
  static override summary = "Yank a Python file (PEP 592): pip skips it unless a requirement pins its version (--undo takes it back)";
  static override examples = [
    "gatehouse yank --source internal --file app-1.0-py3-none-any.whl --reason 'broken on Python 3.13'",
    "gatehouse yank --source internal --file app-1.0-py3-none-any.whl --undo",
  ];
  static override flags = {
    source: Flags.string({ description: "python source holding the file", required: true }),
    file: Flags.string({ description: "filename, e.g. app-1.0-py3-none-any.whl", required: true }),
    reason: Flags.string({ description: "why (pip shows it when it installs the pinned version)", exclusive: ["undo"] }),
    undo: Flags.boolean({ description: "take the yank back", default: false }),
  };

  async run(): Promise<void> {
    const f = this.flags;
    const params = { source: f.source, filename: f.file };
    const api = await this.api();
    const file = f.undo ? await api.op(ops.files.unyank, { params }) : await api.op(ops.files.yank, { params, body: f.reason !== undefined ? { reason: f.reason } : {} });
    if (this.json) return this.printJson(file);
    if (!file.yanked) return this.note(`${file.filename} in '${file.source}' is no longer yanked`);
    this.note(`yanked ${file.filename} in '${file.source}'${file.yankedReason ? ` (${file.yankedReason})` : ""}; undo with: gatehouse yank --source ${file.source} --file ${file.filename} --undo`);
  }
}
