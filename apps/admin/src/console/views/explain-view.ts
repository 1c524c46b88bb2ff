import { explainAccess } from "../api/endpoints.js";
import { pick, setHtml } from "../dom/elements.js";
import { clearFormErrors, readForm, showFormError, whileSubmitting } from "../dom/forms.js";
import { toExplainRequest } from "../forms/admin-forms.js";
import { html } from "../html/html.js";
import { renderExplainPage, renderExplanation } from "./explain-render.js";
import type { MountView } from "./view.js";

/** Explain: asks the server (`ops.account.explain`) and shows the verdict. */
export const mountExplainView: MountView = (root, { api }) => {
  setHtml(root, renderExplainPage());
  const form = pick(root, "form.explain", HTMLFormElement);
  const result = pick(root, ".slot-result", HTMLElement);

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearFormErrors(form);
    setHtml(result, html``);
    const answer = await whileSubmitting(form, () => explainAccess(api, toExplainRequest(readForm(form))));
    if (!answer.ok) return showFormError(form, answer.error);
    setHtml(result, renderExplanation(answer.value));
  });
};
