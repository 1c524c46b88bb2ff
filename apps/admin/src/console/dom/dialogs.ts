import { renderCliCommand } from "../html/cli-command.js";
import { html } from "../html/html.js";
import { setHtml } from "./elements.js";

/** What a confirmation asks. */
export interface ConfirmOptions {
  title: string;
  message: string;
  confirmLabel: string;
  danger?: boolean;
  /** The CLI command that does the same, shown so the admin can script it next time. */
  command?: string;
}

/**
 * Asks the admin to confirm in a modal dialog; resolves true only on the confirm button.
 * @example if (await confirmAction({ title: "Revoke token?", message: "…", confirmLabel: "Revoke", danger: true })) …
 */
export function confirmAction(options: ConfirmOptions): Promise<boolean> {
  const dialog = document.createElement("dialog");
  dialog.className = "confirm";
  setHtml(
    dialog,
    html`<form method="dialog">
      <h2>${options.title}</h2>
      <p>${options.message}</p>
      ${options.command ? renderCliCommand(options.command, "confirm") : null}
      <div class="actions">
        <button value="cancel" class="btn btn-secondary" autofocus>Cancel</button>
        <button value="confirm" class="btn ${options.danger ? "btn-danger" : "btn-primary"}">${options.confirmLabel}</button>
      </div>
    </form>`,
  );
  document.body.append(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => {
      resolve(dialog.returnValue === "confirm");
      dialog.remove();
    });
    dialog.showModal();
  });
}

/**
 * Shows a short message in the notice area for a few seconds.
 * @example notify("Token revoked", "success");
 */
export function notify(message: string, tone: "success" | "error" | "info" = "info"): void {
  let region = document.getElementById("notices");
  if (!region) {
    region = document.createElement("div");
    region.id = "notices";
    region.setAttribute("aria-live", "polite");
    document.body.append(region);
  }
  const notice = document.createElement("div");
  notice.className = `notice notice-${tone}`;
  notice.textContent = message;
  region.append(notice);
  // Keep the stack short when many actions happen in a row.
  while (region.childElementCount > 3) region.firstElementChild?.remove();
  setTimeout(() => notice.remove(), 4000);
}

/**
 * Copies text to the clipboard; falls back to selecting it when the Clipboard API is unavailable (plain HTTP).
 * @example await copyText(input.value, input)
 */
export async function copyText(text: string, source: HTMLInputElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    source.select();
    // Clipboard API needs a secure context; over plain HTTP the legacy command still works.
    return document.execCommand("copy");
  }
}
