import { describe, expect, it } from "vitest";
import { labelCommand, packageInfoCommand, removeVersionCommand, setPackageAccessCommand, yankCommand } from "./package-forms.js";
import {
  addMemberCommand,
  createGroupCommand,
  createOrgCommand,
  deleteGroupCommand,
  deleteOrgCommand,
  grantCommand,
  removeMemberCommand,
  revokeGrantCommand,
  toCreateOrgRequest,
  toGrantRequest,
} from "./org-forms.js";

describe("organization CLI commands", () => {
  it.each([
    [createOrgCommand({ name: "" }), "gatehouse create org --name NAME"],
    [createOrgCommand({ name: "ds", owner: "alice@example.com" }), "gatehouse create org --name ds --owner alice@example.com"],
    [deleteOrgCommand("ds"), "gatehouse delete org --name ds"],
    [createGroupCommand("ds", ""), "gatehouse create group --org ds --name GROUP"],
    [deleteGroupCommand("ds", "analysts"), "gatehouse delete group --org ds --name analysts"],
    [addMemberCommand({ org: "ds", user: "", role: "member" }), "gatehouse add member --org ds --user USER --role member"],
    [addMemberCommand({ org: "ds", group: "a", user: "bob", role: "owner" }), "gatehouse add member --org ds --group a --user bob"],
    [removeMemberCommand({ org: "ds", user: "bob" }), "gatehouse delete member --org ds --user bob"],
    [removeMemberCommand({ org: "ds", group: "a", user: "bob" }), "gatehouse delete member --org ds --group a --user bob"],
    [grantCommand({ org: "ds", group: "a", repo: "", permission: "" }), "gatehouse grant --org ds --group a --repo REPO --permission read|write|admin"],
    [grantCommand({ org: "ds", group: "a", repo: "pypi", package: "secret", permission: "write" }), "gatehouse grant --org ds --group a --repo pypi --package secret --permission write"],
    [revokeGrantCommand({ org: "ds", group: "a", repo: "pypi" }), "gatehouse delete grant --org ds --group a --repo pypi"],
    [revokeGrantCommand({ org: "ds", group: "a", repo: "pypi", package: "secret" }), "gatehouse delete grant --org ds --group a --repo pypi --package secret"],
    [addMemberCommand({ org: "ds", user: "o'brien $HOME" }), `gatehouse add member --org ds --user 'o'\\''brien $HOME'`],
    [packageInfoCommand("pypi", ""), "gatehouse info --repo pypi --name PACKAGE"],
    [setPackageAccessCommand("py-local", "secret", false), "gatehouse set package-access --source py-local --name secret --private false"],
    [yankCommand({ source: "py", filename: "a-1.0.whl" }, ""), "gatehouse yank --source py --file a-1.0.whl"],
    [yankCommand({ source: "py", filename: "a-1.0.whl" }, "broken build"), 'gatehouse yank --source py --file a-1.0.whl --reason "broken build"'],
    [yankCommand({ source: "py", filename: "a-1.0.whl" }, "ignored", true), "gatehouse yank --source py --file a-1.0.whl --undo"],
    [removeVersionCommand("py", "a", "1.0"), "gatehouse remove --source py --name a --version 1.0"],
    [labelCommand({ source: "c", filename: "a-1.0-0.conda" }, "add", ""), "gatehouse label move --source c --file a-1.0-0.conda --to LABEL"],
    [labelCommand({ source: "c", filename: "a-1.0-0.conda" }, "remove", "dev"), "gatehouse label remove --source c --file a-1.0-0.conda --label dev"],
  ])("%s", (actual, expected) => {
    expect(actual).toBe(expected);
  });
});

describe("organization form mapping", () => {
  it.each([
    [{ name: ["ds"], owner: [""] }, { name: "ds" }],
    [{ name: [" ds "], owner: [" ann "] }, { name: "ds", owner: "ann" }],
  ])("maps the org form %j", (values, expected) => {
    expect(toCreateOrgRequest(values)).toEqual(expected);
  });

  it.each([
    [{ repo: ["pypi"], package: [""], permission: ["read"] }, { repo: "pypi", permission: "read" }],
    [{ repo: ["pypi"], package: ["Secret"], permission: ["admin"] }, { repo: "pypi", package: "Secret", permission: "admin" }],
    [{}, { repo: "", permission: "" }],
  ])("maps the grant form %j", (values, expected) => {
    expect(toGrantRequest(values)).toEqual(expected);
  });
});
