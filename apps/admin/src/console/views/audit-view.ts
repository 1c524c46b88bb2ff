import { listAuditEvents } from "../api/endpoints.js";
import type { AuditEvent } from "../api/types.js";
import { notify } from "../dom/dialogs.js";
import { downloadText } from "../dom/download.js";
import { onAction, pick, setHtml } from "../dom/elements.js";
import { readForm } from "../dom/forms.js";
import { auditCommand, filterAuditEvents, toAuditLocalFilter, toAuditQuery } from "../forms/audit-filter.js";
import { auditEventsToCsv, auditEventsToJson } from "../html/export.js";
import { renderFailure, renderLoading } from "../html/widgets.js";
import { describeAuditCount, renderAuditPage, renderAuditTable } from "./audit-render.js";
import type { MountView } from "./view.js";

/** Audit log, newest first: filtered by action prefix, actor and since on the server, by target and until here; exported as CSV or JSON. */
export const mountAuditView: MountView = (root, { api }) => {
  setHtml(root, renderAuditPage());
  const list = pick(root, ".slot-list", HTMLElement);
  const filters = pick(root, "form.audit-filters", HTMLFormElement);
  const count = pick(root, ".audit-count", HTMLElement);
  let loaded: AuditEvent[] = [];
  let shown: AuditEvent[] = [];

  function showLocal(): void {
    shown = filterAuditEvents(loaded, toAuditLocalFilter(readForm(filters)));
    count.textContent = describeAuditCount(shown.length, loaded.length);
    setHtml(list, renderAuditTable(shown));
  }

  async function refresh(): Promise<void> {
    setHtml(list, renderLoading());
    const result = await listAuditEvents(api, toAuditQuery(readForm(filters)));
    if (!result.ok) {
      loaded = [];
      shown = [];
      count.textContent = "";
      return setHtml(list, renderFailure(result.error));
    }
    loaded = result.value;
    showLocal();
  }

  filters.addEventListener("input", () => {
    pick(filters, ".cli-text", HTMLElement).textContent = auditCommand(toAuditQuery(readForm(filters)));
  });
  // Target and until need no new request: they narrow the rows already loaded.
  for (const name of ["target", "until"]) pick(filters, `[name=${name}]`, HTMLInputElement).addEventListener("input", showLocal);
  filters.addEventListener("submit", (event) => {
    event.preventDefault();
    void refresh();
  });
  pick(filters, "select[name=limit]", HTMLSelectElement).addEventListener("change", () => void refresh());

  onAction(root, "export", (button) => {
    if (shown.length === 0) return notify("Nothing to export: no event matches the filters.", "info");
    const stamp = new Date().toISOString().slice(0, 19).replaceAll(":", "");
    if (button.dataset.format === "json") downloadText(`gatehouse-audit-${stamp}.json`, "application/json", auditEventsToJson(shown));
    else downloadText(`gatehouse-audit-${stamp}.csv`, "text/csv", auditEventsToCsv(shown));
  });

  void refresh();
};
