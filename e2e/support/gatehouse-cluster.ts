import { rmSync } from "node:fs";
import { type RunningGatehouse, startGatehouse } from "./gatehouse.js";
import type { TestS3Server } from "./s3-server.js";
import type { ServerDatabase } from "./server-databases.js";

/** The settings that put a node's files in the test's S3-compatible store. */
export function s3StorageEnv(s3: TestS3Server, prefix: string): Record<string, string> {
  return {
    GATEHOUSE_STORAGE: `s3://${s3.bucket}/${prefix}`,
    AWS_ENDPOINT_URL: s3.endpoint,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: s3.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
    // Node 20 is this project's floor; the SDK's notice about its future Node 22 floor is noise here.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
}

/** Several nodes on one database and one store, each with its own (empty) data folder. */
export interface GatehouseCluster {
  nodes: RunningGatehouse[];
  /** The first admin token, whichever node printed it. */
  adminToken: string;
  /** Kills a node with SIGKILL (no clean shutdown) and waits until it is gone. */
  kill(node: RunningGatehouse): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts `count` nodes at the same time (so their first-start work races, as it would under a
 * supervisor) on the given database and store.
 * @example const cluster = await startCluster(2, db, s3StorageEnv(s3, "files"));
 */
export async function startCluster(count: number, db: ServerDatabase, storageEnv: Record<string, string>, extraEnv: Record<string, string> = {}): Promise<GatehouseCluster> {
  const env = { ...db.env, ...storageEnv, ...extraEnv };
  const started = await Promise.allSettled(Array.from({ length: count }, () => startGatehouse({ env })));
  const nodes = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const failed = started.find((s) => s.status === "rejected");
  if (failed) {
    await Promise.all(nodes.map((n) => n.stop()));
    throw failed.reason;
  }
  const killed = new Set<RunningGatehouse>();
  return {
    nodes,
    adminToken: nodes.find((n) => n.adminToken !== "")?.adminToken ?? "",
    async kill(node) {
      const exited = new Promise((resolve) => node.process.once("exit", resolve));
      node.process.kill("SIGKILL");
      await exited;
      killed.add(node);
    },
    async stop() {
      // A killed node's stop() would wait for an exit that already happened (exitCode stays null
      // after a signal), so only its folder is removed.
      await Promise.all(nodes.filter((n) => !killed.has(n)).map((n) => n.stop()));
      for (const n of killed) rmSync(n.dataDir, { recursive: true, force: true });
    },
  };
}
