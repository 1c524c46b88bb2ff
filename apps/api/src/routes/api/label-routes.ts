import { ops } from "@gatehouse/api-contract";
import { copyLabel, editFileLabels, listFileLabels, listSourceLabels } from "@gatehouse/domain";
import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../../app-env.js";
import { contractRoutes } from "../../http/contract-route.js";

/**
 * Conda labels: `POST /__api__/sources/:source/files/:filename/labels` with `{add?, remove?}` moves
 * a file between labels atomically (`{add:["main"], remove:["dev"]}`); listings; `labels/copy`.
 */
export function labelRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const on = contractRoutes(app, "/__api__");
  const meta = (address: string | undefined) => ({ address: address ?? null });

  on(ops.files.editLabels, async (c, { params, body }) =>
    editFileLabels(
      deps.domain,
      c.get("actor"),
      { source: params.source, filename: params.filename, ...(body.add ? { add: body.add } : {}), ...(body.remove ? { remove: body.remove } : {}) },
      meta(c.env?.address),
    ),
  );

  on(ops.files.fileLabels, async (c, { params }) => ({ labels: await listFileLabels(deps.domain, c.get("actor"), { source: params.source, filename: params.filename }) }));

  on(ops.files.sourceLabels, async (c, { params }) => ({ labels: await listSourceLabels(deps.domain, c.get("actor"), params.source) }));

  on(ops.files.copyLabel, async (c, { params, body }) => copyLabel(deps.domain, c.get("actor"), { source: params.source, from: body.from, to: body.to }, meta(c.env?.address)));
  return app;
}
