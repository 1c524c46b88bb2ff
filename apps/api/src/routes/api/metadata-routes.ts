import { ops } from "@gatehouse/api-contract";
import { deletePackageMetadata, foldPackageName, listPackageMetadata, setPackageMetadata } from "@gatehouse/domain";
import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../../app-env.js";
import { ApiError } from "../../http/api-error.js";
import { contractRoutes } from "../../http/contract-route.js";

/** `/__api__/metadata`: key/value notes on packages (owner, advisory, …). */
export function metadataRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const on = contractRoutes(app, "/__api__");
  const d = deps.domain;
  const meta = (address: string | undefined) => ({ address: address ?? null });

  on(ops.policy.listMetadata, async (c, { query: q }) => {
    // Notes on private packages are shown only to those the repo's indexes show the package to.
    const visible = q.repo ? await d.catalog.packageFilter(c.get("actor"), q.repo) : undefined;
    return { metadata: await listPackageMetadata(d, c.get("actor"), q, visible) };
  });

  on(ops.policy.setMetadata, async (c, { params, body }) => {
    const empty = () => new ApiError("INVALID_INPUT", `value is empty: to remove the key, send DELETE /__api__/metadata/${params.name}/${params.key}`, {}, "value");
    // The domain reads an empty value as "remove"; over HTTP that is DELETE, so a PUT always answers with the entry.
    if (body.value === "") throw empty();
    const entry = await setPackageMetadata(d, c.get("actor"), { name: params.name, key: params.key, value: body.value }, meta(c.env?.address));
    if (entry === null) throw empty();
    return entry;
  });

  on(ops.policy.deleteMetadata, async (c, { params }) => {
    await deletePackageMetadata(d, c.get("actor"), { name: params.name, key: params.key }, meta(c.env?.address));
    return { deleted: { name: foldPackageName(params.name), key: params.key } };
  });

  return app;
}
