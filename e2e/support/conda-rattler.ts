import { createRequire } from "node:module";

// rattler's Node build (wasm) fetches through the global fetch; the CommonJS entry
// is the one built for Node (the ESM one targets bundlers).
const rattler = createRequire(import.meta.url)("@conda-org/rattler") as typeof import("@conda-org/rattler");

/** One package of a solved environment, as rattler reports it. */
export interface SolvedRecord {
  name: string;
  version: string;
  url: string;
  filename: string;
  sha256: string | undefined;
  subdir: string | undefined;
}

/** One HTTP request rattler made while solving. */
export interface SeenRequest {
  url: string;
  status: number;
}

/** What a solve gave: the environment (or rattler's error) and every request it made. */
export interface SolveOutcome {
  records: SolvedRecord[];
  error: string | null;
  requests: SeenRequest[];
}

/**
 * Solves `specs` for linux-64 with rattler against `channel`. rattler's JS API
 * takes no headers, so `bearer` is added by wrapping the global fetch it calls;
 * every request and its status is recorded either way.
 */
export async function solveWithRattler(specs: string[], channel: string, options: { bearer?: string } = {}): Promise<SolveOutcome> {
  const realFetch = globalThis.fetch;
  const requests: SeenRequest[] = [];
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    if (options.bearer) request.headers.set("authorization", `Bearer ${options.bearer}`);
    const response = await realFetch(request);
    requests.push({ url: request.url, status: response.status });
    return response;
  };
  try {
    const solved = await rattler.simpleSolve(specs, [channel], ["linux-64", "noarch"], []);
    const records = solved.map((p) => ({ name: p.packageName, version: p.version, url: p.url, filename: p.filename, sha256: p.sha256, subdir: p.subdir }));
    return { records: records.sort((a, b) => a.name.localeCompare(b.name)), error: null, requests };
  } catch (err) {
    return { records: [], error: String(err), requests };
  } finally {
    globalThis.fetch = realFetch;
  }
}
