import { LOCAL_ACTOR, createRepo, createSource, createToken, subscribe } from "@gatehouse/domain";
import { type InMemoryApp, openInMemoryApp } from "./in-memory-app.js";
import type { BuiltPackage } from "./fixture-packages.js";

// Test support: an in-memory Gatehouse with one authenticated python repo
// `py` over source `py-local`, and tokens for the usual roles.

/** The app under test with its tokens. */
export interface PythonTestApp extends InMemoryApp {
  tokens: { uploader: string; reader: string; otherReader: string };
}

/** Basic credentials as twine and pip send them. */
export function basic(token: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`__token__:${token}`).toString("base64")}` };
}

/** The error body of a refused request. */
export async function errorOf(res: Response): Promise<{ code: string; message: string }> {
  return ((await res.json()) as { error: { code: string; message: string } }).error;
}

/** A twine-like form: metadata fields, then the file as `content`. */
export function uploadForm(pkg: BuiltPackage, fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  form.set(":action", "file_upload");
  form.set("protocol_version", "1");
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set("content", new Blob([pkg.bytes]), pkg.filename);
  return form;
}

/** Starts the app on a fresh in-memory database. */
export async function startPythonTestApp(): Promise<PythonTestApp> {
  const t = await openInMemoryApp({ tempPrefix: "gh-python-" });
  const { domain } = t;
  await createSource(domain, LOCAL_ACTOR, { name: "py-local", kind: "python" });
  await createRepo(domain, LOCAL_ACTOR, { name: "py", type: "python", authenticated: true });
  await createRepo(domain, LOCAL_ACTOR, { name: "empty", type: "python", authenticated: false });
  await subscribe(domain, LOCAL_ACTOR, { repo: "py", source: "py-local" });
  const mint = async (scopes: string[], limits: { repos?: string[]; sources?: string[] }) =>
    (await createToken(domain, LOCAL_ACTOR, { scopes, ...limits, description: "test", user: "tester" })).token;
  const tokens = {
    uploader: await mint(["sources:write", "repos:read"], { sources: ["py-local"], repos: ["py"] }),
    reader: await mint(["repos:read"], { repos: ["py"] }),
    otherReader: await mint(["repos:read"], { repos: ["other"] }),
  };
  return { ...t, tokens };
}
