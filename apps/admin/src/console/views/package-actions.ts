import type { ApiClient, ApiResult } from "../api/client.js";
import { editLabels, removeVersion, yankFile } from "../api/package-endpoints.js";
import { confirmAction, notify } from "../dom/dialogs.js";
import { onAction } from "../dom/elements.js";
import { promptAction } from "../dom/prompt.js";
import { type FileTarget, labelCommand, removeVersionCommand, yankCommand } from "../forms/package-forms.js";

// The file a button belongs to, read from its table row.
function fileOf(button: HTMLElement): (FileTarget & { version: string; project: string; row: HTMLElement }) | null {
  const row = button.closest("tr");
  if (!(row instanceof HTMLElement)) return null;
  const { source = "", filename = "", version = "", project = "" } = row.dataset;
  return { source, filename, version, project, row };
}

/**
 * Wires yank, unyank, remove-version and label buttons of the package browser; each asks first and shows its CLI command.
 * `reload` redraws the package the row belongs to.
 * @example wirePackageActions(list, api, (row) => loadDetail(row.closest("details")))
 */
export function wirePackageActions(list: HTMLElement, api: ApiClient, reload: (row: HTMLElement) => Promise<void>): void {
  async function finish(result: ApiResult<unknown>, row: HTMLElement, message: string): Promise<void> {
    if (!result.ok) return notify(result.error.message, "error");
    notify(message, "success");
    await reload(row);
  }

  onAction(list, "yank", async (button) => {
    const f = fileOf(button);
    if (!f) return;
    const reason = await promptAction({
      title: `Yank ${f.filename}?`,
      message: "pip and uv skip a yanked file unless a requirement pins its exact version (PEP 592); the file stays downloadable.",
      label: "Reason (optional, shown by pip)",
      optional: true,
      confirmLabel: "Yank file",
      command: (r) => yankCommand(f, r),
    });
    if (reason === null) return;
    await finish(await yankFile(api, f.source, f.filename, reason === "" ? {} : { reason }), f.row, `Yanked ${f.filename}`);
  });

  onAction(list, "unyank", async (button) => {
    const f = fileOf(button);
    if (!f) return;
    const ok = await confirmAction({ title: `Take back the yank of ${f.filename}?`, message: "Installers pick it again like any other file.", confirmLabel: "Unyank", command: yankCommand(f, "", true) });
    if (ok) await finish(await yankFile(api, f.source, f.filename, "undo"), f.row, `${f.filename} is no longer yanked`);
  });

  onAction(list, "remove-version", async (button) => {
    const f = fileOf(button);
    if (!f) return;
    const ok = await confirmAction({
      title: `Remove ${f.project} ${f.version} from ${f.source}?`,
      message: `Every file of ${f.version} in ${f.source} leaves the indexes now; dated snapshots before today keep serving them, and their filenames stay reserved (never reused).`,
      confirmLabel: "Remove version",
      danger: true,
      command: removeVersionCommand(f.source, f.project, f.version),
    });
    if (ok) await finish(await removeVersion(api, f.source, f.project, f.version), f.row, `Removed ${f.project} ${f.version} from ${f.source}`);
  });

  onAction(list, "add-label", async (button) => {
    const f = fileOf(button);
    if (!f) return;
    const label = await promptAction({ title: `Add a label to ${f.filename}`, message: "conda clients see it under /label/<name>/ too.", label: "Label", placeholder: "dev", confirmLabel: "Add label", command: (l) => labelCommand(f, "add", l) });
    if (label !== null) await finish(await editLabels(api, f.source, f.filename, { add: [label] }), f.row, `Labelled ${f.filename} ${label}`);
  });

  onAction(list, "remove-label", async (button) => {
    const f = fileOf(button);
    const label = button.dataset.label ?? "";
    if (!f) return;
    const ok = await confirmAction({ title: `Remove label ${label} from ${f.filename}?`, message: `It disappears from /label/${label}/ at once.`, confirmLabel: "Remove label", danger: true, command: labelCommand(f, "remove", label) });
    if (ok) await finish(await editLabels(api, f.source, f.filename, { remove: [label] }), f.row, `Removed label ${label} from ${f.filename}`);
  });
}
