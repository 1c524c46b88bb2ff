import { describe, expect, it } from "vitest";
import type { ApiClient, ApiResult } from "./client.js";
import {
  addGroupMember,
  addOrgMember,
  createGroup,
  createOrg,
  deleteGroup,
  deleteOrg,
  getOrg,
  grantAccess,
  listOrgs,
  removeGroupMember,
  removeOrgMember,
  revokeGrant,
} from "./identity-endpoints.js";
import { editLabels, getPackageAccess, listProjectFiles, listRepoPackages, removeVersion, setPackageAccess, yankFile } from "./package-endpoints.js";
import { type RecordedCall, recordingClient } from "./recording-client.js";

const cases: [string, (api: ApiClient) => Promise<ApiResult<unknown>>, RecordedCall][] = [
  ["create org", (a) => createOrg(a, { name: "ds", owner: "ann" }), { method: "POST", path: "/__api__/orgs", body: { name: "ds", owner: "ann" } }],
  ["get org", (a) => getOrg(a, "d s"), { method: "GET", path: "/__api__/orgs/d%20s" }],
  ["delete org", (a) => deleteOrg(a, "ds"), { method: "DELETE", path: "/__api__/orgs/ds" }],
  ["add org member", (a) => addOrgMember(a, "ds", { user: "bob", role: "owner" }), { method: "POST", path: "/__api__/orgs/ds/members", body: { user: "bob", role: "owner" } }],
  ["remove org member", (a) => removeOrgMember(a, "ds", "a@b/c"), { method: "DELETE", path: "/__api__/orgs/ds/members/a%40b%2Fc" }],
  ["create group", (a) => createGroup(a, "ds", "analysts"), { method: "POST", path: "/__api__/orgs/ds/groups", body: { name: "analysts" } }],
  ["delete group", (a) => deleteGroup(a, "ds", "analysts"), { method: "DELETE", path: "/__api__/orgs/ds/groups/analysts" }],
  ["add group member", (a) => addGroupMember(a, "ds", "analysts", "ann"), { method: "POST", path: "/__api__/orgs/ds/groups/analysts/members", body: { user: "ann" } }],
  ["remove group member", (a) => removeGroupMember(a, "ds", "analysts", "ann"), { method: "DELETE", path: "/__api__/orgs/ds/groups/analysts/members/ann" }],
  [
    "grant",
    (a) => grantAccess(a, "ds", "analysts", { repo: "pypi", package: "x", permission: "read" }),
    { method: "POST", path: "/__api__/orgs/ds/groups/analysts/grants", body: { repo: "pypi", package: "x", permission: "read" } },
  ],
  ["revoke repo grant", (a) => revokeGrant(a, "ds", "analysts", { repo: "pypi" }), { method: "DELETE", path: "/__api__/orgs/ds/groups/analysts/grants?repo=pypi" }],
  [
    "revoke package grant",
    (a) => revokeGrant(a, "ds", "analysts", { repo: "pypi", package: "a b" }),
    { method: "DELETE", path: "/__api__/orgs/ds/groups/analysts/grants?repo=pypi&package=a+b" },
  ],
  ["package access", (a) => getPackageAccess(a, "py-local", "secret"), { method: "GET", path: "/__api__/sources/py-local/packages/secret/access" }],
  ["set access", (a) => setPackageAccess(a, "py-local", "secret", { private: true }), { method: "PUT", path: "/__api__/sources/py-local/packages/secret/access", body: { private: true } }],
  ["yank", (a) => yankFile(a, "py", "a 1.whl", { reason: "r" }), { method: "POST", path: "/__api__/sources/py/files/a%201.whl/yank", body: { reason: "r" } }],
  ["unyank", (a) => yankFile(a, "py", "a.whl", "undo"), { method: "DELETE", path: "/__api__/sources/py/files/a.whl/yank" }],
  ["remove version", (a) => removeVersion(a, "py", "a", "1.0"), { method: "DELETE", path: "/__api__/sources/py/packages/a?version=1.0" }],
  ["label", (a) => editLabels(a, "c", "a.conda", { add: ["dev"] }), { method: "POST", path: "/__api__/sources/c/files/a.conda/labels", body: { add: ["dev"] } }],
];

describe("identity and package endpoints", () => {
  it.each(cases)("%s uses the API's method, path and body", async (_name, call, expected) => {
    const { api, calls } = recordingClient({});
    await call(api);
    expect(calls).toEqual([expected]);
  });

  it("refuses an answer off the contract", async () => {
    const { api } = recordingClient({ id: "org_1", name: "ds" });
    const result = await getOrg(api, "ds");
    expect(result.ok ? null : result.error.code).toBe("RESPONSE_SCHEMA");
  });

  it("unwraps listing bodies", async () => {
    const orgs = recordingClient({ orgs: [{ id: "org_1", name: "ds", members: 1, groups: 0, createdAt: "2026-01-01T00:00:00.000Z" }] });
    expect(await listOrgs(orgs.api)).toEqual({ ok: true, value: [{ id: "org_1", name: "ds", members: 1, groups: 0, createdAt: "2026-01-01T00:00:00.000Z" }] });
    expect(orgs.calls).toEqual([{ method: "GET", path: "/__api__/orgs" }]);
    const pkgs = recordingClient({ packages: [{ project: "a", name: "A", versions: ["1"] }] });
    expect(await listRepoPackages(pkgs.api, "pypi")).toEqual({ ok: true, value: [{ project: "a", name: "A", versions: ["1"] }] });
    expect(pkgs.calls).toEqual([{ method: "GET", path: "/__api__/repos/pypi/packages" }]);
    const files = recordingClient({ files: [] });
    expect(await listProjectFiles(files.api, "py-local", "a")).toEqual({ ok: true, value: [] });
    expect(files.calls[0]).toEqual({ method: "GET", path: "/__api__/sources/py-local/files?project=a" });
  });
});
