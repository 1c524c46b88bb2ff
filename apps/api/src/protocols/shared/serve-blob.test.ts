import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FsBlobStore } from "@gatehouse/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError } from "../../http/api-error.js";
import { type BlobToServe, immutableCachingFor, serveBlob } from "./serve-blob.js";

const dir = mkdtempSync(join(tmpdir(), "gh-serve-blob-"));
const blobs = new FsBlobStore(dir);
const bytes = Buffer.from("0123456789", "utf8");
let file: BlobToServe;

beforeAll(async () => {
  const sha256 = await blobs.putBytes(bytes);
  file = { sha256, size: bytes.length, contentType: "application/x-gzip", caching: "revalidate" };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const get = (headers: Record<string, string> = {}, method = "GET") => new Request("http://x/f", { method, headers });

describe("serveBlob", () => {
  it("sends the whole file with a strong ETag and Accept-Ranges", async () => {
    const res = await serveBlob(blobs, file, get());
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBe(`"${file.sha256}"`);
    expect(res.headers.get("accept-ranges")).toBe("bytes");
    expect(res.headers.get("content-length")).toBe("10");
    expect(res.headers.get("cache-control")).toBe("no-cache");
    expect(await res.text()).toBe("0123456789");
  });

  it.each([
    ["immutable-public", "public, max-age=31536000, immutable"],
    ["immutable-private", "private, max-age=31536000, immutable"],
  ] as const)("says %s as %s", async (caching, header) => {
    const res = await serveBlob(blobs, { ...file, caching }, get());
    expect(res.headers.get("cache-control")).toBe(header);
  });

  it("answers 304 to a matching If-None-Match, weak or in a list", async () => {
    for (const inm of [`"${file.sha256}"`, `"other", W/"${file.sha256}"`, " * "]) {
      expect((await serveBlob(blobs, file, get({ "if-none-match": inm }))).status).toBe(304);
    }
    expect((await serveBlob(blobs, file, get({ "if-none-match": '"other"' }))).status).toBe(200);
  });

  it("answers 206 with Content-Range for one range, 416 past the end", async () => {
    const partial = await serveBlob(blobs, file, get({ range: "bytes=2-4" }));
    expect(partial.status).toBe(206);
    expect(partial.headers.get("content-range")).toBe("bytes 2-4/10");
    expect(await partial.text()).toBe("234");
    const beyond = await serveBlob(blobs, file, get({ range: "bytes=10-" }));
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get("content-range")).toBe("bytes */10");
  });

  it("honours If-Range: the range only while the ETag still matches", async () => {
    const same = await serveBlob(blobs, file, get({ range: "bytes=0-0", "if-range": ` "${file.sha256}" ` }));
    expect(same.status).toBe(206);
    const changed = await serveBlob(blobs, file, get({ range: "bytes=0-0", "if-range": '"older"' }));
    expect(changed.status).toBe(200);
    expect(await changed.text()).toBe("0123456789");
  });

  it("answers HEAD with the headers only", async () => {
    const res = await serveBlob(blobs, file, get({}, "HEAD"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-length")).toBe("10");
    expect(res.body).toBeNull();
  });

  it("refuses with INTERNAL when the stored bytes are missing", async () => {
    const missing = { ...file, sha256: "0".repeat(64) };
    await expect(serveBlob(blobs, missing, get())).rejects.toSatisfy((e) => e instanceof ApiError && e.code === "INTERNAL");
  });
});

describe("immutableCachingFor", () => {
  it("keeps authenticated bytes out of shared caches", () => {
    expect(immutableCachingFor({ authenticated: true })).toBe("immutable-private");
    expect(immutableCachingFor({ authenticated: false })).toBe("immutable-public");
  });

  it("redirects to the store's download URL when it hands one out, after checking the bytes exist", async () => {
    const redirecting = Object.assign(Object.create(blobs) as FsBlobStore, {
      downloadUrl: async (sha256: string) => `http://store.test/${sha256}?X-Amz-Signature=x`,
    });
    const res = await serveBlob(redirecting, file, get({ Range: "bytes=0-1" }));
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`http://store.test/${file.sha256}?X-Amz-Signature=x`);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const revalidated = await serveBlob(redirecting, file, get({ "If-None-Match": `"${file.sha256}"` }));
    expect(revalidated.status).toBe(304);
  });
});
