import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { S3StorageOptions } from "@gatehouse/domain";
import { freePort } from "./free-port.js";

/** s3rver (an S3-compatible store keeping objects as files) running in a child process on loopback. */
export interface S3rverProcess {
  endpoint: string;
  /** Objects are files `<directory>/<bucket>/<key>._S3rver_object`. */
  directory: string;
  bucket: string;
  child: ChildProcess;
  /** The server settings that put files under `prefix` in this store (GATEHOUSE_STORAGE and the AWS variables). */
  serverEnv(prefix: string): Record<string, string>;
  /** The same place as the domain's storage options. */
  storage(prefix: string): S3StorageOptions;
  /** Stops s3rver and removes its folder. */
  close(): Promise<void>;
}

// s3rver's fixed keys: it checks SigV4 signatures against them, so the SDK's real requests are measured.
const KEY = "S3RVER";

/**
 * Starts s3rver's own CLI with one bucket in a fresh temp folder and waits until it answers.
 * A child process, so the bench's and the server's memory figures exclude the store.
 * @example const s3 = await startS3rver("bench"); // … await s3.close()
 */
export async function startS3rver(bucket: string): Promise<S3rverProcess> {
  const directory = mkdtempSync(join(tmpdir(), "gh-bench-s3rver-"));
  const bin = createRequire(import.meta.url).resolve("s3rver/bin/s3rver.js");
  const port = await freePort();
  const child = spawn(process.execPath, [bin, "-d", directory, "-a", "127.0.0.1", "-p", String(port), "--silent", "--configure-bucket", bucket], { stdio: ["ignore", "ignore", "inherit"] });
  const endpoint = `http://127.0.0.1:${port}`;
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(directory, { recursive: true, force: true });
  };
  for (let i = 0; i < 200; i++) {
    try {
      // Any answer (an anonymous ListBuckets is refused) means it listens.
      await fetch(`${endpoint}/`);
      return {
        endpoint,
        directory,
        bucket,
        child,
        close,
        serverEnv: (prefix) => ({
          GATEHOUSE_STORAGE: `s3://${bucket}/${prefix}`,
          AWS_ENDPOINT_URL: endpoint,
          AWS_REGION: "us-east-1",
          AWS_ACCESS_KEY_ID: KEY,
          AWS_SECRET_ACCESS_KEY: KEY,
          // Node 20 is this project's floor; the SDK's notice about a future Node 22 floor is noise here.
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
        }),
        storage: (prefix) => ({
          kind: "s3",
          bucket,
          prefix: prefix.endsWith("/") ? prefix : `${prefix}/`,
          region: "us-east-1",
          endpoint,
          forcePathStyle: true,
          credentials: { accessKeyId: KEY, secretAccessKey: KEY },
          redirectDownloads: false,
        }),
      };
    } catch {
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  await close();
  throw new Error(`s3rver did not start on ${endpoint}`);
}
