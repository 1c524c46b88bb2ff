import { listAuditEvents } from "../api/endpoints.js";
import { pick, setHtml } from "../dom/elements.js";
import { readForm } from "../dom/forms.js";
import { readField } from "../forms/form-values.js";
import { renderFailure, renderLoading } from "../html/widgets.js";
import { renderAuditPage, renderAuditTable } from "./audit-render.js";
import type { MountView } from "./view.js";

/** Audit log, newest first, filtered by action. */
export const mountAuditView: MountView = (root, { api }) => {
  setHtml(root, renderAuditPage());
  const list = pick(root, ".slot-list", HTMLElement);
  const filters = pick(root, "form.audit-filters", HTMLFormElement);

  async function refresh(): Promise<void> {
    setHtml(list, renderLoading());
    const values = readForm(filters);
    const result = await listAuditEvents(api, { limit: Number(readField(values, "limit") || "100"), action: readField(values, "action") });
    setHtml(list, result.ok ? renderAuditTable(result.value) : renderFailure(result.error));
  }
  filters.addEventListener("submit", (event) => {
    event.preventDefault();
    void refresh();
  });
  pick(filters, "select[name=limit]", HTMLSelectElement).addEventListener("change", () => void refresh());
  void refresh();
};
