import { type InMemoryApp, openInMemoryApp } from "./in-memory-app.js";

/** An app over a fresh in-memory domain, with a settable clock (test support). */
export interface CranTestApp extends InMemoryApp {
  upload(source: string, filename: string, bytes: Buffer, query?: string): Promise<Response>;
}

/** Opens a test app with Bioconductor release `biocRelease` (test support). */
export async function openCranTestApp(biocRelease = "3.16"): Promise<CranTestApp> {
  const t = await openInMemoryApp({ tempPrefix: "gh-cran-", biocRelease });
  return {
    ...t,
    upload: (source, filename, bytes, query = "") =>
      t.asAdmin(`/__api__/sources/${source}/files/${filename}${query}`, { method: "PUT", body: bytes }),
  };
}

/** Creates a source, a repo of the same type and the subscription between them, as the admin (test support). */
export async function createRepoWithSource(t: CranTestApp, spec: { repo: string; source: string; type: "r" | "bioconductor"; authenticated?: boolean }): Promise<void> {
  const json = (body: unknown): RequestInit => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  for (const [path, body] of [
    ["/__api__/sources", { name: spec.source, kind: spec.type }],
    ["/__api__/repos", { name: spec.repo, type: spec.type, authenticated: spec.authenticated ?? false }],
    [`/__api__/repos/${spec.repo}/subscriptions`, { source: spec.source }],
  ] as const) {
    const res = await t.asAdmin(path, json(body));
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  }
}
