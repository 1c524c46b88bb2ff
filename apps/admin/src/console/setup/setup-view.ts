import { createToken } from "../api/endpoints.js";
import { getRepo } from "../api/package-endpoints.js";
import type { RepoInfo } from "../api/types.js";
import { copyElementText } from "../dom/copy.js";
import { confirmAction, notify } from "../dom/dialogs.js";
import { onAction, pick, setHtml } from "../dom/elements.js";
import { readForm } from "../dom/forms.js";
import { readField } from "../forms/form-values.js";
import { html } from "../html/html.js";
import { renderFailure, renderLoading } from "../html/widgets.js";
import type { MountView } from "../views/view.js";
import { buildClientSetups } from "./client-setup.js";
import { renderClientSetups, renderSetupPage } from "./setup-render.js";
import { createTokenCommand, setupTokenRequest } from "./setup-token.js";

/** A repo's Setup page: the exact pip, uv, R, BiocManager, conda and curl configuration, built from this page's origin. */
export function mountSetupView(repoName: string): MountView {
  return (root, { api, who }) => {
    setHtml(root, renderSetupPage(repoName));
    const slot = pick(root, ".slot-setup", HTMLElement);
    const options = pick(root, "form.setup-options", HTMLFormElement);
    let repo: RepoInfo | null = null;
    // A minted token lives only in this closure and the page's markup; navigating away drops both.
    let token: string | null = null;

    function render(): void {
      if (repo === null) return;
      const date = readField(readForm(options), "snapshot");
      setHtml(slot, renderClientSetups(repo, buildClientSetups(window.location.origin, repo, date), token));
    }
    options.addEventListener("input", render);
    options.addEventListener("submit", (event) => event.preventDefault());

    onAction(slot, "copy-snippet", async (button) => {
      const target = document.getElementById(button.dataset.target ?? "");
      if (!(target instanceof HTMLElement)) return;
      notify((await copyElementText(target)) ? "Copied to the clipboard" : "Copy failed: the text is selected, press Ctrl+C", "info");
    });
    onAction(slot, "jump", (link) => {
      const target = document.getElementById(link.dataset.target ?? "");
      target?.scrollIntoView({ block: "start" });
      target?.querySelector<HTMLElement>("pre")?.focus();
    });

    onAction(root, "mint-token", async (button) => {
      const request = setupTokenRequest(repoName, who.user ?? "admin");
      const ok = await confirmAction({
        title: `Create a repos:read token for ${repoName}?`,
        message: `It reads only ${repoName}, acts for ${request.user} and never expires; revoke it on the Tokens screen. It is shown on this page once.`,
        confirmLabel: "Create token",
        command: createTokenCommand(request),
      });
      if (!ok) return;
      const result = await createToken(api, request);
      if (!result.ok) return notify(result.error.message, "error");
      token = result.value.token;
      button.hidden = true;
      setHtml(pick(root, ".slot-token-note", HTMLElement), html`Token <code>${result.value.display}</code> created and filled in below. <strong>Copy what you need now:</strong> it is not shown again after you leave this page.`);
      render();
    });

    async function load(): Promise<void> {
      const result = await getRepo(api, repoName);
      if (!result.ok) return setHtml(slot, renderFailure(result.error));
      repo = result.value;
      render();
    }
    setHtml(slot, renderLoading());
    void load();
  };
}
