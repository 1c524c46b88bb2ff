import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

/** A running S3-compatible server on loopback, with one bucket, and its access keys. */
export interface TestS3Server {
  endpoint: string;
  /** s3rver's folder: objects are files named `<key>._S3rver_object` under `<bucket>/`. */
  directory: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  close(): Promise<void>;
}

// Runs in its own process, so memory measured in the test is the store client's alone.
const MAIN = `
const S3rver = require(process.argv[1]);
const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: process.argv[2], configureBuckets: [{ name: process.argv[3] }] });
server.run().then((a) => console.log(JSON.stringify({ port: a.port })), (e) => { console.error(e); process.exit(1); });
`;

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!child.stdout) return reject(new Error("s3rver has no stdout"));
    const lines = createInterface({ input: child.stdout });
    lines.once("line", (line) => resolve(line));
    child.once("exit", (code) => reject(new Error(`s3rver exited (${code}) before listening`)));
  });
}

/**
 * Starts s3rver (a real S3 protocol server, files on disk) on a free loopback port in a child
 * process; it checks SigV4 signatures against its fixed keys, so a test exercises the SDK's real
 * requests.
 *
 * @example
 * const s3 = await startS3Server(); // … s3.close()
 * (The same helper as packages/domain/test/support: e2e does not depend on the domain package.)
 */
export async function startS3Server(bucket = "gatehouse-test"): Promise<TestS3Server> {
  const directory = await mkdtemp(join(tmpdir(), "gatehouse-s3rver-"));
  const entry = createRequire(import.meta.url).resolve("s3rver");
  const child = spawn(process.execPath, ["-e", MAIN, entry, directory, bucket], { stdio: ["ignore", "pipe", "inherit"] });
  const { port } = JSON.parse(await firstLine(child)) as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    directory,
    bucket,
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    async close() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill();
      await exited;
      await rm(directory, { recursive: true, force: true });
    },
  };
}
