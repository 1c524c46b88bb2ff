import { renderCliCommand } from "../html/cli-command.js";
import { html } from "../html/html.js";
import { setHtml } from "./elements.js";

/** What a one-field dialog asks. */
export interface PromptOptions {
  title: string;
  message: string;
  label: string;
  placeholder?: string;
  /** Whether an empty answer is accepted (e.g. an optional yank reason). */
  optional?: boolean;
  confirmLabel: string;
  danger?: boolean;
  /** The CLI command for the current answer, shown under the field and kept up to date. */
  command(answer: string): string;
}

/**
 * Asks for one value in a modal dialog; resolves the trimmed answer, or null when cancelled.
 * @example const reason = await promptAction({ title: "Yank?", label: "Reason", optional: true, confirmLabel: "Yank", command: (r) => yankCommand(f, r) });
 */
export function promptAction(options: PromptOptions): Promise<string | null> {
  const dialog = document.createElement("dialog");
  dialog.className = "confirm prompt";
  setHtml(
    dialog,
    html`<form method="dialog" novalidate>
      <h2>${options.title}</h2>
      <p>${options.message}</p>
      <div class="field"><label for="prompt-value">${options.label}</label><input id="prompt-value" name="value" placeholder="${options.placeholder ?? ""}" spellcheck="false" autocomplete="off" ${options.optional ? null : html`required`} autofocus></div>
      ${renderCliCommand(options.command(""), "confirm")}
      <div class="actions">
        <button value="cancel" class="btn btn-secondary" formnovalidate>Cancel</button>
        <button value="confirm" class="btn ${options.danger ? "btn-danger" : "btn-primary"}">${options.confirmLabel}</button>
      </div>
    </form>`,
  );
  document.body.append(dialog);
  const input = dialog.querySelector("input");
  const cli = dialog.querySelector(".cli-text");
  input?.addEventListener("input", () => {
    if (cli) cli.textContent = options.command(input.value.trim());
  });
  // Enter would submit with the first button (Cancel); in the field it means "confirm".
  input?.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    if (input.value.trim() !== "" || options.optional === true) dialog.close("confirm");
  });
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => {
      const answer = input?.value.trim() ?? "";
      resolve(dialog.returnValue === "confirm" && (answer !== "" || options.optional === true) ? answer : null);
      dialog.remove();
    });
    dialog.showModal();
  });
}
