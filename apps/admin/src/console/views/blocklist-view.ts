import { createBlocklistRule, deleteBlocklistRule, listBlocklistRules } from "../api/policy-endpoints.js";
import { listRepos } from "../api/repo-endpoints.js";
import { confirmAction, notify } from "../dom/dialogs.js";
import { onAction, pick, setHtml } from "../dom/elements.js";
import { clearFormErrors, readForm, showFormError, whileSubmitting } from "../dom/forms.js";
import { createBlocklistRuleCommand, deleteBlocklistRuleCommand, toCreateBlocklistRuleRequest } from "../forms/blocklist-form.js";
import { renderFailure, renderLoading } from "../html/widgets.js";
import { describeRangeSyntax, describeRule, renderBlocklistPage, renderBlocklistTable, renderRepoChoices } from "./blocklist-render.js";
import type { MountView } from "./view.js";

/** Blocklist: the rules in force, create one (the server judges the range), delete with confirmation. */
export const mountBlocklistView: MountView = (root, { api }) => {
  setHtml(root, renderBlocklistPage());
  const list = pick(root, ".slot-list", HTMLElement);
  const formSlot = pick(root, ".slot-form", HTMLElement);
  const form = pick(formSlot, "form", HTMLFormElement);
  const repoSelect = pick(form, "select[name=repo]", HTMLSelectElement);

  async function refresh(): Promise<void> {
    const result = await listBlocklistRules(api);
    setHtml(list, result.ok ? renderBlocklistTable(result.value) : renderFailure(result.error));
  }

  // Without repos:read the picker keeps only "every repo"; a rule for one repo can still be made from the CLI.
  async function loadRepos(): Promise<void> {
    const repos = await listRepos(api);
    if (repos.ok) setHtml(repoSelect, renderRepoChoices(repos.value, repoSelect.value));
  }

  // The hint and the CLI line follow the form as it is filled, so what it will send is never a surprise.
  function describeForm(): void {
    const type = repoSelect.selectedOptions[0]?.dataset.type ?? "";
    pick(form, ".range-hint", HTMLElement).textContent = describeRangeSyntax(type);
    pick(form, ".cli-text", HTMLElement).textContent = createBlocklistRuleCommand(toCreateBlocklistRuleRequest(readForm(form)));
  }
  form.addEventListener("input", describeForm);
  form.addEventListener("change", describeForm);

  onAction(root, "show-create", () => {
    formSlot.hidden = false;
    pick(form, "input[name=name]", HTMLInputElement).focus();
  });
  onAction(root, "cancel-create", () => {
    form.reset();
    clearFormErrors(form);
    describeForm();
    formSlot.hidden = true;
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearFormErrors(form);
    const result = await whileSubmitting(form, () => createBlocklistRule(api, toCreateBlocklistRuleRequest(readForm(form))));
    if (!result.ok) return showFormError(form, result.error);
    notify(`Blocked ${describeRule(result.value)}`, "success");
    form.reset();
    describeForm();
    formSlot.hidden = true;
    void refresh();
  });

  onAction(list, "delete-rule", async (button) => {
    const id = button.dataset.id ?? "";
    const ok = await confirmAction({
      title: "Delete this blocklist rule?",
      message: `Files of ${button.dataset.name ?? id} that only this rule blocked are listed and downloadable again at once.`,
      confirmLabel: "Delete rule",
      danger: true,
      command: deleteBlocklistRuleCommand(id),
    });
    if (!ok) return;
    const result = await deleteBlocklistRule(api, id);
    if (!result.ok) return notify(result.error.message, "error");
    notify(`Deleted the rule on ${describeRule(result.value)}`, "success");
    void refresh();
  });

  setHtml(list, renderLoading());
  void refresh();
  void loadRepos();
};
