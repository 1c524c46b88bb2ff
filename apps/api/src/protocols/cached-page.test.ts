import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { isCompressedPage, makePage, respondWithPage } from "./cached-page.js";

const big = "x".repeat(5000);
const gzipAccepted = { "accept-encoding": "gzip, br" };

describe("respondWithPage", () => {
  it("gzips a large text page once, when accepted, and says it varies on Accept-Encoding", async () => {
    const page = makePage(big, "text/plain; charset=utf-8", { Vary: "Accept" });
    const res = respondWithPage(page, new Request("http://x/", { headers: gzipAccepted }));
    expect(res.headers.get("content-encoding")).toBe("gzip");
    expect(res.headers.get("vary")).toBe("Accept, Accept-Encoding");
    expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(big);
    const again = page.gzip;
    respondWithPage(page, new Request("http://x/", { headers: gzipAccepted }));
    expect(page.gzip).toBe(again);
  });

  it.each(["application/x-gzip", "application/gzip", "application/octet-stream"])("sends a %s page as it is", async (type) => {
    const page = makePage(Buffer.from(big), type);
    const res = respondWithPage(page, new Request("http://x/", { headers: gzipAccepted }));
    expect(res.headers.get("content-encoding")).toBeNull();
    expect(res.headers.get("vary")).toBeNull();
    expect(res.headers.get("content-length")).toBe(String(big.length));
    expect(Buffer.from(await res.arrayBuffer()).toString()).toBe(big);
    expect(page.gzip).toBeNull();
  });

  it("answers 304 to a matching If-None-Match and HEAD without a body", () => {
    const page = makePage(big, "application/x-gzip");
    expect(respondWithPage(page, new Request("http://x/", { headers: { "if-none-match": `W/${page.etag}` } })).status).toBe(304);
    const head = respondWithPage(page, new Request("http://x/", { method: "HEAD" }), true);
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
  });
});

describe("isCompressedPage", () => {
  it.each([
    ["application/x-gzip", true],
    ["application/octet-stream", true],
    ["Application/Gzip; foo=bar", true],
    ["text/plain; charset=utf-8", false],
    ["application/json", false],
  ])("%s → %s", (type, expected) => {
    expect(isCompressedPage(makePage("", type))).toBe(expected);
  });
});
