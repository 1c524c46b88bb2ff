import { ops } from "@gatehouse/api-contract";
import { didYouMean } from "@gatehouse/scope-engine";
import type { ApiClient } from "./api-client.js";

/**
 * Warnings for repo and source names a token lists that do not exist (yet),
 * with the closest existing name: a token may name a repo before it is made,
 * so these are notes, not refusals. Names the caller may not list are not checked.
 *
 * @example await unknownNameNotes(api, { repos: "pypy" }) // ["no repo named 'pypy' (did you mean 'pypi'?) …"]
 */
export async function unknownNameNotes(api: ApiClient, lists: { repos?: string | undefined; sources?: string | undefined }): Promise<string[]> {
  const notes: string[] = [];
  const check = async (what: "repo" | "source", text: string | undefined, load: () => Promise<string[]>) => {
    const wanted = (text ?? "").split(",").map((n) => n.trim()).filter((n) => n !== "" && n !== "*");
    if (wanted.length === 0) return;
    let known: string[];
    try {
      known = await load();
    } catch {
      return;
    }
    for (const name of wanted.filter((n) => !known.includes(n))) {
      notes.push(`note: no ${what} named '${name}'${didYouMean(name, known)}; the token reaches it only once a ${what} of that name exists`);
    }
  };
  await check("repo", lists.repos, async () => (await api.op(ops.repos.list, {})).repos.map((r) => r.name));
  await check("source", lists.sources, async () => (await api.op(ops.sources.list, {})).sources.map((s) => s.name));
  return notes;
}
