import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FsBlobStore, type S3StorageOptions, isDomainError, openBlobStore } from "../src/index.js";
import { type TestS3Server, startS3Server } from "./support/s3-server.js";

let s3: TestS3Server;
beforeAll(async () => {
  s3 = await startS3Server();
});
afterAll(async () => {
  await s3.close();
});

function optionsFor(overrides: Partial<S3StorageOptions> = {}): S3StorageOptions {
  return {
    kind: "s3",
    bucket: s3.bucket,
    prefix: "open/",
    region: "us-east-1",
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    redirectDownloads: false,
    ...overrides,
  };
}

async function refusal(options: S3StorageOptions): Promise<{ code: string; field: string | undefined; message: string }> {
  const err = await openBlobStore(options, "/tmp/unused").then(
    () => null,
    (e: unknown) => e,
  );
  if (!isDomainError(err)) throw new Error(`expected a DomainError, got ${String(err)}`);
  return { code: err.code, field: err.field, message: err.message };
}

describe("openBlobStore", () => {
  it("opens a folder store without asking anything", async () => {
    expect(await openBlobStore({ kind: "folder" }, "/tmp/gatehouse-unused")).toBeInstanceOf(FsBlobStore);
  });

  // (A wrong key is not among them: s3rver does not check signatures on HeadBucket.)
  it.each([
    ["a bucket that does not exist", () => optionsFor({ bucket: "no-such-bucket" }), /no such bucket/],
    ["an endpoint nobody listens on", () => optionsFor({ endpoint: "http://127.0.0.1:1" }), /ECONNREFUSED/],
  ])("refuses %s, naming GATEHOUSE_STORAGE", async (_what, options, reason) => {
    const r = await refusal(options());
    expect(r).toMatchObject({ code: "CONFIG_INVALID", field: "GATEHOUSE_STORAGE" });
    expect(r.message).toMatch(/GATEHOUSE_STORAGE=s3:\/\//);
    expect(r.message).toMatch(reason);
  });

  it("hands out presigned download URLs only when redirects are on", async () => {
    const streaming = await openBlobStore(optionsFor(), "/tmp/gatehouse-unused");
    const redirecting = await openBlobStore(optionsFor({ redirectDownloads: true }), "/tmp/gatehouse-unused");
    try {
      const sha = await redirecting.putBytes(Buffer.from("presigned bytes"));
      expect(await streaming.downloadUrl?.(sha, { contentType: "text/plain" })).toBeNull();
      const url = await redirecting.downloadUrl?.(sha, { contentType: "text/plain" });
      expect(url).toMatch(/X-Amz-Signature=/);
      const res = await fetch(String(url), { headers: { Range: "bytes=0-8" } });
      expect(res.status).toBe(206);
      expect(await res.text()).toBe("presigned");
    } finally {
      streaming.close?.();
      redirecting.close?.();
    }
  });
});
