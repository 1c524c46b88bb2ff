import { createRepo, listRepos, listSources, setRepoAuthenticated, subscribeRepo } from "../api/repo-endpoints.js";
import { confirmAction, notify } from "../dom/dialogs.js";
import { onAction, pick, setHtml } from "../dom/elements.js";
import { clearFormErrors, readForm, showFormError, whileSubmitting } from "../dom/forms.js";
import { readField } from "../forms/form-values.js";
import { toCreateRepoRequest } from "../forms/admin-forms.js";
import { renderFailure, renderLoading } from "../html/widgets.js";
import { renderRepoTable, renderReposPage } from "./repos-render.js";
import type { MountView } from "./view.js";

/** Repos: list, create, toggle authentication, subscribe to a source. */
export const mountReposView: MountView = (root, { api }) => {
  setHtml(root, renderReposPage());
  const list = pick(root, ".slot-list", HTMLElement);
  const formSlot = pick(root, ".slot-form", HTMLElement);
  const form = pick(formSlot, "form", HTMLFormElement);

  async function refresh(): Promise<void> {
    const [repos, sources] = await Promise.all([listRepos(api), listSources(api)]);
    if (!repos.ok) return setHtml(list, renderFailure(repos.error));
    // Without sources:read the list still shows; only the subscribe pickers stay empty.
    setHtml(list, renderRepoTable(repos.value, sources.ok ? sources.value : []));
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
    const result = await whileSubmitting(form, () => createRepo(api, toCreateRepoRequest(readForm(form))));
    if (!result.ok) return showFormError(form, result.error);
    notify(`Created repo ${result.value.name}`, "success");
    form.reset();
    formSlot.hidden = true;
    void refresh();
  });

  onAction(list, "toggle-auth", async (button) => {
    const name = button.dataset.repo ?? "";
    const next = button.dataset.authenticated !== "true";
    if (!next) {
      const ok = await confirmAction({ title: `Make ${name} public?`, message: `Anyone who can reach this server will be able to list and download every package in ${name}.`, confirmLabel: "Make public", danger: true });
      if (!ok) return;
    }
    const result = await setRepoAuthenticated(api, name, next);
    if (!result.ok) return notify(result.error.message, "error");
    notify(`${name} is now ${next ? "authenticated" : "public"}`, "success");
    void refresh();
  });

  list.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains("subscribe")) return;
    event.preventDefault();
    const repo = form.dataset.repo ?? "";
    const source = readField(readForm(form), "source");
    const result = await whileSubmitting(form, () => subscribeRepo(api, repo, source));
    if (!result.ok) return notify(result.error.message, "error");
    notify(`${repo} now serves ${source}`, "success");
    void refresh();
  });

  setHtml(list, renderLoading());
  void refresh();
};
