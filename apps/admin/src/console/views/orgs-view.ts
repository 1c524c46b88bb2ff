import { createOrg, deleteOrg, listOrgs } from "../api/identity-endpoints.js";
import type { ApiClient } from "../api/client.js";
import { confirmAction, notify } from "../dom/dialogs.js";
import { onAction, pick, setHtml } from "../dom/elements.js";
import { clearFormErrors, readForm, showFormError, whileSubmitting } from "../dom/forms.js";
import { createOrgCommand, deleteOrgCommand, toCreateOrgRequest } from "../forms/org-forms.js";
import { renderFailure, renderLoading } from "../html/widgets.js";
import { renderOrgsPage, renderOrgTable } from "./orgs-render.js";
import type { MountView } from "./view.js";

/**
 * Asks before deleting an organization (its groups and grants go with it); true once it is gone.
 * @example if (await confirmDeleteOrg(api, "ds")) location.hash = "#/orgs";
 */
export async function confirmDeleteOrg(api: ApiClient, org: string): Promise<boolean> {
  const ok = await confirmAction({
    title: `Delete organization ${org}?`,
    message: `Its groups, memberships and grants are deleted too; members lose what those grants gave them at once.`,
    confirmLabel: "Delete organization",
    danger: true,
    command: deleteOrgCommand(org),
  });
  if (!ok) return false;
  const result = await deleteOrg(api, org);
  if (!result.ok) {
    notify(result.error.message, "error");
    return false;
  }
  notify(`Deleted organization ${org}`, "success");
  return true;
}

/** Organizations: list, create, delete behind a confirmation. */
export const mountOrgsView: MountView = (root, { api }) => {
  setHtml(root, renderOrgsPage());
  const list = pick(root, ".slot-list", HTMLElement);
  const formSlot = pick(root, ".slot-form", HTMLElement);
  const form = pick(formSlot, "form", HTMLFormElement);

  async function refresh(): Promise<void> {
    const result = await listOrgs(api);
    setHtml(list, result.ok ? renderOrgTable(result.value) : renderFailure(result.error));
  }
  const describeForm = () => {
    pick(form, ".cli-text", HTMLElement).textContent = createOrgCommand(toCreateOrgRequest(readForm(form)));
  };
  form.addEventListener("input", describeForm);

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
    const result = await whileSubmitting(form, () => createOrg(api, toCreateOrgRequest(readForm(form))));
    if (!result.ok) return showFormError(form, result.error);
    notify(`Created organization ${result.value.name}`, "success");
    form.reset();
    describeForm();
    formSlot.hidden = true;
    void refresh();
  });
  onAction(list, "delete-org", async (button) => {
    if (await confirmDeleteOrg(api, button.dataset.org ?? "")) void refresh();
  });

  setHtml(list, renderLoading());
  void refresh();
};
