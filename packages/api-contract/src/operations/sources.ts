import { operation } from "../operation.js";
import { createSourceBody, sourceInfo, sourceList, syncBody, syncResult, upstreamProjects } from "../schemas/sources.js";

const exampleSource = {
  id: "src_01JC3Z8Q4K6W",
  name: "pypi-mirror",
  kind: "python",
  type: "remote",
  upstream: "https://pypi.org/simple/",
  upstreamTokenEnv: null,
  createdAt: "2026-11-30T09:00:00.000Z",
} as const;

const manage = "global:admin or api:write";

/** `/__api__/sources`: list, create (local or remote), delete, and eager mirroring of remote ones. */
export const sourceOperations = {
  list: operation({
    id: "sources.list",
    method: "GET",
    path: "/__api__/sources",
    tag: "sources",
    summary: "Every source",
    scopes: "global:admin or api:read",
    response: sourceList,
    success: 200,
    example: { response: { sources: [exampleSource] } },
  }),
  create: operation({
    id: "sources.create",
    method: "POST",
    path: "/__api__/sources",
    tag: "sources",
    summary: "Create a local source, or a remote one mirroring an upstream index",
    scopes: manage,
    body: createSourceBody,
    response: sourceInfo,
    success: 201,
    example: { body: { name: "pypi-mirror", kind: "python", upstream: "https://pypi.org/simple/" }, response: exampleSource },
  }),
  delete: operation({
    id: "sources.delete",
    method: "DELETE",
    path: "/__api__/sources/:name",
    tag: "sources",
    summary: "Delete a source no repo subscribes to and that never held a file (filenames stay reserved)",
    scopes: manage,
    paramDocs: { name: "the source's name" },
    response: sourceInfo,
    success: 200,
  }),
  sync: operation({
    id: "sources.sync",
    method: "POST",
    path: "/__api__/sources/:source/sync",
    tag: "sources",
    summary: "Mirror one project of a remote source now (read its upstream page, fetch and verify every file not stored yet)",
    scopes: manage,
    paramDocs: { source: "the remote source's name" },
    body: syncBody,
    response: syncResult,
    success: 200,
    example: { body: { project: "requests" }, response: { project: "requests", files: 4, fetched: 3, present: 1, bytes: 812345, failed: [] } },
  }),
  upstreamProjects: operation({
    id: "sources.upstreamProjects",
    method: "GET",
    path: "/__api__/sources/:source/upstream-projects",
    tag: "sources",
    summary: "Projects the remote source's upstream lists",
    scopes: manage,
    paramDocs: { source: "the remote source's name" },
    response: upstreamProjects,
    success: 200,
    example: { response: { projects: ["certifi", "requests", "urllib3"] } },
  }),
} as const;
