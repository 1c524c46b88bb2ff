import { z } from "zod";
import { operation } from "../operation.js";
import { blocklistRuleInfo, createBlocklistRuleBody, deletedMetadata, listMetadataQuery, metadataEntry, setMetadataBody } from "../schemas/policy.js";

const BLOCKLIST_READ = "blocklist:read (or blocklist:admin, api:read, global:admin, all)";
const BLOCKLIST_MANAGE = "blocklist:admin (or global:admin, all)";
const METADATA_READ = "with repo: repos:read listing it (or legacy metadata:read); without: metadata:admin, api:read, legacy metadata:read, global:admin, all";
const METADATA_MANAGE = "metadata:admin (or api:write, global:admin, all)";
const noteParams = { name: "the package name (any spelling: Data.Table, data_table and data-table share notes)", key: "the note's key: a-z, 0-9, '.', '_' or '-'" } as const;

const exampleRule = {
  id: "blk_7k2m9x4q1c8v3b5n",
  name: "requests",
  versions: "<2.32",
  repo: "pypi",
  reason: "CVE-2024-35195",
  createdBy: "bea (gth-…7f3a)",
  createdAt: "2026-11-30T09:00:00.000Z",
} as const;
const exampleNote = { name: "data-table", key: "owner", value: "platform", updatedAt: "2026-11-30T09:00:00.000Z", updatedBy: "meg (gth-…7f3a)" } as const;

/** `/__api__/blocklist-rules` (what every index hides and every download refuses) and `/__api__/metadata` (notes on packages). */
export const policyOperations = {
  listBlocklistRules: operation({
    id: "blocklist.list",
    method: "GET",
    path: "/__api__/blocklist-rules",
    tag: "blocklist",
    summary: "Blocklist rules in force, oldest first",
    scopes: BLOCKLIST_READ,
    response: z.object({ rules: z.array(blocklistRuleInfo) }),
    success: 200,
    example: { response: { rules: [exampleRule] } },
  }),
  createBlocklistRule: operation({
    id: "blocklist.create",
    method: "POST",
    path: "/__api__/blocklist-rules",
    tag: "blocklist",
    summary: "Block a package (optionally a version range, optionally in one repo)",
    scopes: BLOCKLIST_MANAGE,
    body: createBlocklistRuleBody,
    response: blocklistRuleInfo,
    success: 201,
    example: { body: { name: "requests", versions: "<2.32", repo: "pypi", reason: "CVE-2024-35195" }, response: exampleRule },
  }),
  deleteBlocklistRule: operation({
    id: "blocklist.delete",
    method: "DELETE",
    path: "/__api__/blocklist-rules/:id",
    tag: "blocklist",
    summary: "Delete a rule (kept in history); its files show again",
    scopes: BLOCKLIST_MANAGE,
    paramDocs: { id: "the rule's id (blk_…)" },
    response: z.object({ deleted: blocklistRuleInfo }),
    success: 200,
    example: { response: { deleted: exampleRule } },
  }),
  listMetadata: operation({
    id: "metadata.list",
    method: "GET",
    path: "/__api__/metadata",
    tag: "metadata",
    summary: "Package notes, by package and key",
    scopes: METADATA_READ,
    query: listMetadataQuery,
    response: z.object({ metadata: z.array(metadataEntry) }),
    success: 200,
    example: { response: { metadata: [exampleNote] } },
  }),
  setMetadata: operation({
    id: "metadata.set",
    method: "PUT",
    path: "/__api__/metadata/:name/:key",
    tag: "metadata",
    summary: "Set a note on a package",
    description: "An empty value is refused: removing a key is DELETE.",
    scopes: METADATA_MANAGE,
    paramDocs: noteParams,
    body: setMetadataBody,
    response: metadataEntry,
    success: 200,
    example: { body: { value: "platform" }, response: exampleNote },
  }),
  deleteMetadata: operation({
    id: "metadata.delete",
    method: "DELETE",
    path: "/__api__/metadata/:name/:key",
    tag: "metadata",
    summary: "Remove a note from a package",
    scopes: METADATA_MANAGE,
    paramDocs: noteParams,
    response: deletedMetadata,
    success: 200,
    example: { response: { deleted: { name: "data-table", key: "owner" } } },
  }),
} as const;
