import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningGatehouse, startGatehouse } from "../support/gatehouse.js";
import { s3StorageEnv } from "../support/gatehouse-cluster.js";
import { type TestS3Server, startS3Server } from "../support/s3-server.js";
import { type ServerDatabase, serverDatabaseVariants } from "../support/server-databases.js";

// /readyz on a real server on Postgres and an S3-compatible store: 200 while both answer, then a
// 503 JSON error naming the one that stopped (the store, then the database as well); /healthz,
// liveness, stays 200 throughout. On PGlite only the store can be stopped from outside.

const variant = serverDatabaseVariants().find((v) => v.skipReason === null && v.name === "postgres") ?? serverDatabaseVariants()[0];

interface ReadyBody {
  status?: string;
  database: string;
  store: string;
  error?: { code: string; message: string };
}

async function readyz(node: RunningGatehouse): Promise<{ status: number; body: ReadyBody }> {
  const res = await fetch(`${node.url}/readyz`);
  return { status: res.status, body: (await res.json()) as ReadyBody };
}

describe(`readiness on ${variant?.name} with an S3 store`, () => {
  let s3: TestS3Server | undefined;
  let db: ServerDatabase | undefined;
  let node: RunningGatehouse | undefined;
  let dropped = false;

  function server(): RunningGatehouse {
    if (!node) throw new Error("the server did not start (see beforeAll)");
    return node;
  }

  beforeAll(async () => {
    if (!variant) throw new Error("no database variant");
    s3 = await startS3Server();
    db = await variant.create();
    node = await startGatehouse({ env: { ...db.env, ...s3StorageEnv(s3, "ready") } });
  });
  afterAll(async () => {
    await node?.stop();
    if (!dropped) await db?.drop();
    await s3?.close();
  });

  it("is ready while the database and the store answer", async () => {
    expect(await readyz(server())).toEqual({ status: 200, body: { status: "ready", version: expect.any(String), database: "ok", store: "ok" } });
  });

  it("is a 503 naming the store once the store is stopped, and stays alive", async () => {
    await s3?.close();
    s3 = undefined;
    const r = await readyz(server());
    expect(r.status).toBe(503);
    expect(r.body.error?.code).toBe("NOT_READY");
    expect(r.body.error?.message).toMatch(/^not ready: the object store does not answer \(.+\)$/);
    expect(r.body).toMatchObject({ database: "ok" });
    expect(r.body.store).not.toBe("ok");
    expect((await fetch(`${server().url}/healthz`)).status).toBe(200);
  });

  it.runIf(variant?.name === "postgres")("names the database as well once the database is gone", async () => {
    // Dropping it ends every connection to it: the node is up but can serve nothing.
    await db?.drop();
    dropped = true;
    const r = await readyz(server());
    expect(r.status).toBe(503);
    expect(r.body.error?.message).toMatch(/the database does not answer \(.+\); the object store does not answer/);
    expect(r.body.database).not.toBe("ok");
    expect((await fetch(`${server().url}/healthz`)).status).toBe(200);
  });
});
