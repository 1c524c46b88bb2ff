import { listSourceFiles } from "../api/file-endpoints.js";
import { createSource, listSources } from "../api/repo-endpoints.js";
import { notify } from "../dom/dialogs.js";
import { onAction, pick, setHtml } from "../dom/elements.js";
import { clearFormErrors, readForm, showFormError, whileSubmitting } from "../dom/forms.js";
import { toCreateSourceRequest } from "../forms/admin-forms.js";
import { renderFailure, renderLoading } from "../html/widgets.js";
import { renderFileTable, renderSourceFilesPage, renderSourcesPage, renderSourceTable } from "./sources-render.js";
import type { MountView } from "./view.js";

/** Sources: list and create. */
export const mountSourcesView: MountView = (root, { api }) => {
  setHtml(root, renderSourcesPage());
  const list = pick(root, ".slot-list", HTMLElement);
  const formSlot = pick(root, ".slot-form", HTMLElement);
  const form = pick(formSlot, "form", HTMLFormElement);

  async function refresh(): Promise<void> {
    const result = await listSources(api);
    setHtml(list, result.ok ? renderSourceTable(result.value) : renderFailure(result.error));
  }

  onAction(root, "show-create", () => {
    formSlot.hidden = false;
    pick(form, "input[name=name]", HTMLInputElement).focus();
  });
  onAction(root, "cancel-create", () => {
    form.reset();
    clearFormErrors(form);
    formSlot.hidden = true;
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearFormErrors(form);
    const result = await whileSubmitting(form, () => createSource(api, toCreateSourceRequest(readForm(form))));
    if (!result.ok) return showFormError(form, result.error);
    notify(`Created source ${result.value.name}`, "success");
    form.reset();
    formSlot.hidden = true;
    void refresh();
  });

  setHtml(list, renderLoading());
  void refresh();
};

/** One source's files (`GET /__api__/sources/:source/files`). */
export function mountSourceFilesView(source: string): MountView {
  return (root, { api }) => {
    setHtml(root, renderSourceFilesPage(source));
    const list = pick(root, ".slot-list", HTMLElement);
    const filters = pick(root, "form.file-filters", HTMLFormElement);

    async function refresh(): Promise<void> {
      setHtml(list, renderLoading());
      const result = await listSourceFiles(api, source, readForm(filters).removed !== undefined);
      setHtml(list, result.ok ? renderFileTable(result.value) : renderFailure(result.error));
    }
    filters.addEventListener("change", () => void refresh());
    void refresh();
  };
}
