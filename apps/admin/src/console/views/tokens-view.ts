import { createToken, listTokens, revokeToken } from "../api/endpoints.js";
import { confirmAction, copyText, notify } from "../dom/dialogs.js";
import { onAction, pick, setHtml } from "../dom/elements.js";
import { clearFormErrors, readForm, showFormError, whileSubmitting } from "../dom/forms.js";
import { html } from "../html/html.js";
import { renderFailure, renderLoading } from "../html/widgets.js";
import { toCreateTokenRequest } from "../forms/token-form.js";
import { renderCreatedToken, renderTokenTable, renderTokensPage } from "./tokens-render.js";
import type { MountView } from "./view.js";

/** Tokens: filtered list, create (secret shown once), revoke with confirmation. */
export const mountTokensView: MountView = (root, { api, who }) => {
  setHtml(root, renderTokensPage());
  const list = pick(root, ".slot-list", HTMLElement);
  const created = pick(root, ".slot-created", HTMLElement);
  const formSlot = pick(root, ".slot-form", HTMLElement);
  const form = pick(formSlot, "form", HTMLFormElement);
  const filters = pick(root, "form.token-filters", HTMLFormElement);

  async function refresh(): Promise<void> {
    setHtml(list, renderLoading());
    const values = readForm(filters);
    const result = await listTokens(api, { expired: values.expired !== undefined, revoked: values.revoked !== undefined });
    setHtml(list, result.ok ? renderTokenTable(result.value, who.token?.guid ?? null) : renderFailure(result.error));
  }

  function showForm(visible: boolean): void {
    formSlot.hidden = !visible;
    if (visible) pick(form, "input[name=scopes]", HTMLInputElement).focus();
  }

  filters.addEventListener("change", () => void refresh());
  onAction(root, "show-create", () => showForm(true));
  onAction(root, "cancel-create", () => {
    form.reset();
    clearFormErrors(form);
    showForm(false);
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearFormErrors(form);
    const request = toCreateTokenRequest(readForm(form));
    const result = await whileSubmitting(form, () => createToken(api, request));
    if (!result.ok) return showFormError(form, result.error);
    form.reset();
    showForm(false);
    setHtml(created, renderCreatedToken(result.value));
    pick(created, ".token-value", HTMLInputElement).select();
    void refresh();
  });

  onAction(created, "copy-token", async () => {
    const input = pick(created, ".token-value", HTMLInputElement);
    notify((await copyText(input.value, input)) ? "Token copied to the clipboard" : "Copy failed: select the token and copy it by hand", "info");
  });
  // Dropping the markup drops the only copy of the secret the page holds.
  onAction(created, "dismiss-token", () => setHtml(created, html``));

  onAction(list, "revoke", async (button) => {
    const guid = button.dataset.guid ?? "";
    const display = button.dataset.display ?? guid;
    const own = button.dataset.own === "true" ? " It is the token you are signed in with: you will be signed out." : "";
    const ok = await confirmAction({
      title: "Revoke this token?",
      message: `${display} stops working at once, everywhere. Revocation is permanent.${own}`,
      confirmLabel: "Revoke token",
      danger: true,
    });
    if (!ok) return;
    const result = await revokeToken(api, guid);
    if (!result.ok) return notify(result.error.message, "error");
    notify(`Revoked ${display}`, "success");
    void refresh();
  });

  void refresh();
};
