import { deleteMetadata, listMetadata, setMetadata } from "../api/policy-endpoints.js";
import { confirmAction, notify } from "../dom/dialogs.js";
import { onAction, pick, setHtml } from "../dom/elements.js";
import { clearFormErrors, readForm, showFormError, whileSubmitting } from "../dom/forms.js";
import { listMetadataCommand, removeMetadataCommand, setMetadataCommand, toMetadataFilter, toSetMetadataRequest } from "../forms/metadata-form.js";
import { renderFailure, renderLoading } from "../html/widgets.js";
import { renderMetadataPage, renderMetadataTable } from "./metadata-render.js";
import type { MountView } from "./view.js";

/** Package metadata: filter by package, set (or overwrite) a note, delete with confirmation. */
export const mountMetadataView: MountView = (root, { api }) => {
  setHtml(root, renderMetadataPage());
  const list = pick(root, ".slot-list", HTMLElement);
  const formSlot = pick(root, ".slot-form", HTMLElement);
  const form = pick(formSlot, "form", HTMLFormElement);
  const filters = pick(root, "form.metadata-filters", HTMLFormElement);

  async function refresh(): Promise<void> {
    const filter = toMetadataFilter(readForm(filters));
    pick(filters, ".cli-text", HTMLElement).textContent = listMetadataCommand(filter);
    setHtml(list, renderLoading());
    const result = await listMetadata(api, filter);
    setHtml(list, result.ok ? renderMetadataTable(result.value, filter) : renderFailure(result.error));
  }

  function describeForm(): void {
    pick(form, ".cli-text", HTMLElement).textContent = setMetadataCommand(toSetMetadataRequest(readForm(form)));
  }
  form.addEventListener("input", describeForm);

  function showForm(values: { name: string; key: string; value: string } | null): void {
    clearFormErrors(form);
    if (values) {
      for (const [field, value] of Object.entries(values)) {
        const control = form.elements.namedItem(field);
        if (control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement) control.value = value;
      }
    }
    describeForm();
    formSlot.hidden = false;
    pick(form, values ? "textarea[name=value]" : "input[name=name]", HTMLElement).focus();
  }

  onAction(root, "show-set", () => showForm(null));
  onAction(root, "cancel-set", () => {
    form.reset();
    clearFormErrors(form);
    formSlot.hidden = true;
  });
  onAction(list, "edit-note", (button) => showForm({ name: button.dataset.name ?? "", key: button.dataset.key ?? "", value: button.dataset.value ?? "" }));

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearFormErrors(form);
    const request = toSetMetadataRequest(readForm(form));
    // Name and key are URL segments: an empty one would reach another route, so ask for it here.
    for (const field of ["name", "key"] as const) {
      if (request[field] === "") return showFormError(form, { status: 0, code: "INVALID_INPUT", message: `Enter a ${field === "name" ? "package name" : "key"}.`, field });
    }
    const result = await whileSubmitting(form, () => setMetadata(api, request));
    if (!result.ok) return showFormError(form, result.error);
    notify(`Set ${result.value.key} on ${result.value.name}`, "success");
    form.reset();
    formSlot.hidden = true;
    void refresh();
  });

  filters.addEventListener("submit", (event) => {
    event.preventDefault();
    void refresh();
  });
  // Clearing the search box (its × or Escape) shows every note again without another click.
  pick(filters, "input[name=name]", HTMLInputElement).addEventListener("search", () => void refresh());

  onAction(list, "delete-note", async (button) => {
    const name = button.dataset.name ?? "";
    const key = button.dataset.key ?? "";
    const ok = await confirmAction({
      title: `Delete ${key} from ${name}?`,
      message: `The note is removed at once, for every reader of ${name}.`,
      confirmLabel: "Delete note",
      danger: true,
      command: removeMetadataCommand(name, key),
    });
    if (!ok) return;
    const result = await deleteMetadata(api, name, key);
    if (!result.ok) return notify(result.error.message, "error");
    notify(`Deleted ${key} from ${name}`, "success");
    void refresh();
  });

  void refresh();
};
