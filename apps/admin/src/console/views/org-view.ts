import { listRepos } from "../api/repo-endpoints.js";
import { addGroupMember, addOrgMember, createGroup, deleteGroup, getOrg, grantAccess, removeGroupMember, removeOrgMember, revokeGrant } from "../api/identity-endpoints.js";
import type { ApiResult } from "../api/client.js";
import { confirmAction, notify } from "../dom/dialogs.js";
import { onAction, pick, setHtml } from "../dom/elements.js";
import { clearFormErrors, readForm, showFormError, whileSubmitting } from "../dom/forms.js";
import { readField } from "../forms/form-values.js";
import { addMemberCommand, createGroupCommand, deleteGroupCommand, grantCommand, toGrantRequest } from "../forms/org-forms.js";
import { renderFailure, renderLoading } from "../html/widgets.js";
import { removeMemberCli, renderOrgDetail, renderOrgPage } from "./org-render.js";
import { confirmDeleteOrg } from "./orgs-view.js";
import { describePermission } from "./permissions.js";
import type { MountView } from "./view.js";

/** One organization: members, groups, grants; every change shows its CLI command and destructive ones ask first. */
export function mountOrgView(org: string): MountView {
  return (root, { api }) => {
    setHtml(root, renderOrgPage(org));
    const slot = pick(root, ".slot-detail", HTMLElement);

    async function refresh(): Promise<void> {
      const [detail, repos] = await Promise.all([getOrg(api, org), listRepos(api)]);
      if (!detail.ok) return setHtml(slot, renderFailure(detail.error));
      setHtml(slot, renderOrgDetail(detail.value, repos.ok ? repos.value : []));
    }

    // The CLI line (and the permission hint) under each form follows what is typed.
    function describe(form: HTMLFormElement): void {
      const values = readForm(form);
      const group = form.dataset.group ?? "";
      const cli = form.querySelector<HTMLElement>(".cli-text") ?? form.nextElementSibling?.querySelector<HTMLElement>(".cli-text");
      if (!cli) return;
      switch (form.dataset.kind) {
        case "org-member":
          cli.textContent = addMemberCommand({ org, user: readField(values, "user"), role: readField(values, "role") });
          break;
        case "group-member":
          cli.textContent = addMemberCommand({ org, group, user: readField(values, "user") });
          break;
        case "group":
          cli.textContent = createGroupCommand(org, readField(values, "name"));
          break;
        case "grant": {
          cli.textContent = grantCommand({ org, group, ...toGrantRequest(values) });
          const hint = form.querySelector(".permission-hint");
          if (hint) hint.textContent = describePermission(readField(values, "permission"));
        }
      }
    }
    for (const type of ["input", "change"]) {
      slot.addEventListener(type, (event) => {
        const form = event.target instanceof Element ? event.target.closest("form") : null;
        if (form) describe(form);
      });
    }

    function describeDone(form: HTMLFormElement): string {
      const values = readForm(form);
      const group = form.dataset.group ?? "";
      switch (form.dataset.kind) {
        case "org-member":
          return `Added ${readField(values, "user")} to ${org}`;
        case "group-member":
          return `Added ${readField(values, "user")} to ${group}`;
        case "group":
          return `Created group ${readField(values, "name")}`;
        default: {
          const grant = toGrantRequest(values);
          return `Granted ${group} ${grant.permission} on ${grant.package ? `${grant.package} in ` : ""}${grant.repo}`;
        }
      }
    }

    async function submit(form: HTMLFormElement): Promise<ApiResult<unknown>> {
      const values = readForm(form);
      const group = form.dataset.group ?? "";
      const user = readField(values, "user");
      switch (form.dataset.kind) {
        case "org-member":
          return addOrgMember(api, org, { user, role: readField(values, "role") === "owner" ? "owner" : "member" });
        case "group-member":
          return addGroupMember(api, org, group, user);
        case "group":
          return createGroup(api, org, readField(values, "name"));
        default:
          return grantAccess(api, org, group, toGrantRequest(values));
      }
    }
    slot.addEventListener("submit", async (event) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement)) return;
      event.preventDefault();
      clearFormErrors(form);
      const result = await whileSubmitting(form, () => submit(form));
      if (!result.ok) {
        if (form.querySelector(".form-error")) return showFormError(form, result.error);
        return notify(result.error.message, "error");
      }
      notify(describeDone(form), "success");
      await refresh();
    });

    async function confirmThen(options: { title: string; message: string; label: string; command: string; done: string }, work: () => Promise<ApiResult<unknown>>): Promise<void> {
      const ok = await confirmAction({ title: options.title, message: options.message, confirmLabel: options.label, danger: true, command: options.command });
      if (!ok) return;
      const result = await work();
      if (!result.ok) return notify(result.error.message, "error");
      notify(options.done, "success");
      await refresh();
    }

    onAction(root, "delete-org", async () => {
      if (await confirmDeleteOrg(api, org)) window.location.hash = "#/orgs";
    });
    onAction(slot, "remove-org-member", (b) => {
      const user = b.dataset.user ?? "";
      void confirmThen({ title: `Remove ${user} from ${org}?`, message: `${user} leaves the organization and every group of it, and loses what their grants gave.`, label: "Remove member", command: removeMemberCli(org, user), done: `Removed ${user} from ${org}` }, () => removeOrgMember(api, org, user));
    });
    onAction(slot, "remove-group-member", (b) => {
      const user = b.dataset.user ?? "";
      const group = b.dataset.group ?? "";
      void confirmThen({ title: `Remove ${user} from ${group}?`, message: `${user} stays in ${org} but loses what ${group}'s grants gave.`, label: "Remove from group", command: removeMemberCli(org, user, group), done: `Removed ${user} from ${group}` }, () => removeGroupMember(api, org, group, user));
    });
    onAction(slot, "delete-group", (b) => {
      const group = b.dataset.group ?? "";
      void confirmThen({ title: `Delete group ${group}?`, message: `Its memberships and grants are deleted; its members stay in ${org}.`, label: "Delete group", command: deleteGroupCommand(org, group), done: `Deleted group ${group}` }, () => deleteGroup(api, org, group));
    });
    onAction(slot, "revoke-grant", (b) => {
      const group = b.dataset.group ?? "";
      const repo = b.dataset.repo ?? "";
      const pkg = b.dataset.package ?? "";
      const what = pkg === "" ? `repo ${repo}` : `${pkg} in ${repo}`;
      void confirmThen({ title: `Revoke the grant of ${group} on ${what}?`, message: `Members of ${group} lose this access at once (other grants still apply).`, label: "Revoke grant", command: b.dataset.cli ?? "", done: `Revoked the grant of ${group} on ${what}` }, () =>
        revokeGrant(api, org, group, { repo, ...(pkg !== "" ? { package: pkg } : {}) }),
      );
    });

    setHtml(slot, renderLoading());
    void refresh();
  };
}
