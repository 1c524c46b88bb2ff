import type { GrantInfo, GroupInfo, MemberInfo, OrgDetail, RepoInfo } from "../api/types.js";
import { addMemberCommand, createGroupCommand, grantCommand, removeMemberCommand, revokeGrantCommand } from "../forms/org-forms.js";
import { renderCliCommand } from "../html/cli-command.js";
import { formatDateTime } from "../html/format.js";
import { html, type SafeHtml } from "../html/html.js";
import { renderBadge, renderEmpty, renderOptions, renderPageHeader } from "../html/widgets.js";
import { CEILING_NOTE, describePermission, PERMISSIONS } from "./permissions.js";

const PERMISSION_TONE = { read: "info", write: "warning", admin: "danger" } as const;

/** One organization's frame; its content fills `.slot-detail` once `GET /__api__/orgs/:org` answers. */
export function renderOrgPage(org: string): SafeHtml {
  return html`<nav class="breadcrumb"><a href="#/orgs">Organizations</a> <span aria-hidden="true">/</span> <span>${org}</span></nav>
    ${renderPageHeader(`Organization ${org}`, "Members, groups and what each group may do.", html`<button type="button" class="btn btn-danger-outline" data-action="delete-org" data-org="${org}">Delete organization</button>`)}
    <div class="slot-detail"></div>`;
}

/** The meaning of read, write and admin, shown once per page next to the grants. */
export function renderPermissionLegend(): SafeHtml {
  return html`<section class="card permission-legend" aria-labelledby="perm-title">
    <h2 id="perm-title">What a grant lets members do</h2>
    <dl class="facts">${PERMISSIONS.map((p) => html`<dt>${renderBadge(p.label, PERMISSION_TONE[p.value])}</dt><dd>${p.meaning}</dd>`)}</dl>
    <p class="hint">${CEILING_NOTE}</p>
  </section>`;
}

function renderOrgMembers(detail: OrgDetail): SafeHtml {
  const groupsOf = (user: string) => detail.groupList.filter((g) => g.members.some((m) => m.user === user)).map((g) => g.name);
  const rows = detail.memberList.map(
    (m: MemberInfo) => html`<tr>
      <td>${m.user}</td>
      <td>${renderBadge(m.role, m.role === "owner" ? "warning" : "neutral")}</td>
      <td class="small">${groupsOf(m.user).join(", ") || html`<span class="muted">none</span>`}</td>
      <td class="row-actions"><button type="button" class="btn btn-small btn-danger-outline" data-action="remove-org-member" data-user="${m.user}">Remove</button></td>
    </tr>`,
  );
  return html`<section class="card org-members" aria-labelledby="members-title">
    <h2 id="members-title">Members</h2>
    ${detail.memberList.length === 0 ? renderEmpty("No members yet.") : html`<div class="table-wrap flat"><table class="data members"><thead><tr><th>User</th><th>Role</th><th>Groups</th><th><span class="visually-hidden">Actions</span></th></tr></thead><tbody>${rows}</tbody></table></div>`}
    <form class="inline-form add-member" data-kind="org-member" novalidate autocomplete="off">
      <label class="visually-hidden" for="om-user">User to add</label>
      <input id="om-user" name="user" placeholder="user or email" spellcheck="false" required>
      <label class="visually-hidden" for="om-role">Role</label>
      <select id="om-role" name="role">${renderOptions([{ value: "member", label: "member" }, { value: "owner", label: "owner" }])}</select>
      <button type="submit" class="btn btn-small btn-primary">Add member</button>
    </form>
    ${renderCliCommand(addMemberCommand({ org: detail.name, user: "", role: "member" }), "org-member")}
  </section>`;
}

function renderGrantRow(org: string, group: string, grant: GrantInfo): SafeHtml {
  const target = { org, group, repo: grant.repo, ...(grant.package !== null ? { package: grant.package } : {}) };
  return html`<tr>
    <td><a href="#/repos/${encodeURIComponent(grant.repo)}">${grant.repo}</a></td>
    <td>${grant.package ?? html`<span class="muted">whole repo</span>`}</td>
    <td title="${describePermission(grant.permission)}">${renderBadge(grant.permission, PERMISSION_TONE[grant.permission])}<div class="muted small">${describePermission(grant.permission)}</div></td>
    <td class="row-actions"><button type="button" class="btn btn-small btn-danger-outline" data-action="revoke-grant" data-group="${group}" data-repo="${grant.repo}" data-package="${grant.package ?? ""}" data-cli="${revokeGrantCommand(target)}">Revoke</button></td>
  </tr>`;
}

function renderGrantForm(org: string, group: GroupInfo, index: number, repos: readonly RepoInfo[]): SafeHtml {
  const id = `g${index}`;
  return html`<form class="grant-form" data-kind="grant" data-group="${group.name}" novalidate autocomplete="off">
    <div class="form-error alert alert-error" role="alert" hidden></div>
    <div class="grant-fields">
      <div class="field" data-fields="repo"><label for="${id}-repo">Repo</label><select id="${id}-repo" name="repo">${renderOptions(repos.map((r) => ({ value: r.name, label: `${r.name} (${r.type})` })))}</select><p class="field-error" role="alert" hidden></p></div>
      <div class="field" data-fields="package"><label for="${id}-package">Package</label><input id="${id}-package" name="package" placeholder="whole repo" spellcheck="false"><p class="field-error" role="alert" hidden></p></div>
      <div class="field" data-fields="permission"><label for="${id}-permission">Permission</label><select id="${id}-permission" name="permission" aria-describedby="${id}-perm-hint">${renderOptions(PERMISSIONS.map((p) => ({ value: p.value, label: p.label })))}</select><p class="field-error" role="alert" hidden></p></div>
      <button type="submit" class="btn btn-small btn-primary">Grant</button>
    </div>
    <p class="hint permission-hint" id="${id}-perm-hint">${describePermission("read")}</p>
    ${renderCliCommand(grantCommand({ org, group: group.name, repo: repos[0]?.name ?? "", permission: "read" }), "grant")}
  </form>`;
}

function renderGroup(org: string, group: GroupInfo, index: number, repos: readonly RepoInfo[]): SafeHtml {
  const members = group.members.map(
    (m) => html`<li><span>${m.user}</span><button type="button" class="btn btn-small btn-ghost" data-action="remove-group-member" data-group="${group.name}" data-user="${m.user}" aria-label="Remove ${m.user} from ${group.name}">Remove</button></li>`,
  );
  return html`<section class="card group" data-group="${group.name}" aria-labelledby="group-${index}">
    <header class="group-header">
      <h2 id="group-${index}">Group ${group.name}</h2>
      <span class="muted small">created ${formatDateTime(group.createdAt)}</span>
      <button type="button" class="btn btn-small btn-danger-outline" data-action="delete-group" data-group="${group.name}">Delete group</button>
    </header>
    <div class="group-grid">
      <div class="group-members">
        <h3>Members</h3>
        ${group.members.length === 0 ? html`<p class="muted">No members yet.</p>` : html`<ul class="member-list">${members}</ul>`}
        <form class="inline-form add-member" data-kind="group-member" data-group="${group.name}" novalidate autocomplete="off">
          <label class="visually-hidden" for="g${index}-user">User to add to ${group.name}</label>
          <input id="g${index}-user" name="user" placeholder="user or email" spellcheck="false" required>
          <button type="submit" class="btn btn-small btn-primary">Add</button>
        </form>
        ${renderCliCommand(addMemberCommand({ org, group: group.name, user: "" }), "group-member")}
      </div>
      <div class="group-grants">
        <h3>Grants</h3>
        ${group.grants.length === 0 ? html`<p class="muted">No grants: members see only public repos and packages.</p>` : html`<div class="table-wrap flat"><table class="data grants"><thead><tr><th>Repo</th><th>Package</th><th>Permission</th><th><span class="visually-hidden">Actions</span></th></tr></thead><tbody>${group.grants.map((g) => renderGrantRow(org, group.name, g))}</tbody></table></div>`}
        ${repos.length === 0 ? html`<p class="muted small">No repos to grant yet.</p>` : renderGrantForm(org, group, index, repos)}
      </div>
    </div>
  </section>`;
}

/**
 * An organization's members, the permission legend, a "new group" form and each group with its members and grants.
 * @example renderOrgDetail(detail, repos)
 */
export function renderOrgDetail(detail: OrgDetail, repos: readonly RepoInfo[]): SafeHtml {
  return html`${renderOrgMembers(detail)}
    ${renderPermissionLegend()}
    <form class="card inline-form create-group" data-kind="group" novalidate autocomplete="off">
      <label for="new-group"><strong>New group</strong></label>
      <input id="new-group" name="name" placeholder="analysts" spellcheck="false" required>
      <button type="submit" class="btn btn-small btn-primary">Create group</button>
      ${renderCliCommand(createGroupCommand(detail.name, ""), "group")}
    </form>
    ${detail.groupList.length === 0 ? renderEmpty("No groups yet. Create one to grant its members a repo or a package.") : detail.groupList.map((g, i) => renderGroup(detail.name, g, i, repos))}`;
}

/** The remove-member dialog's command, for the org or one group. */
export function removeMemberCli(org: string, user: string, group?: string): string {
  return removeMemberCommand({ org, user, ...(group !== undefined ? { group } : {}) });
}
