import { isMap, isScalar, isSeq, parseDocument, type Scalar } from "yaml";
import type { MergeOutput } from "./merge-output.js";
import { fail, ok, type Result } from "./result.js";

/** Compares channel URLs without their `/t/<token>/` segment or trailing slash. */
function channelKey(channel: string): string {
  return channel.replace(/\/t\/[^/]+(?=\/)/, "").replace(/\/+$/, "");
}

/**
 * Puts a channel first in `.condarc` `channels:`, keeping other channels and every comment;
 * an older entry for the same channel (e.g. with a previous token) is replaced.
 * @example
 * mergeCondarc("channels:\n  - conda-forge\n", { channelUrl: "http://h:4242/t/${GH_TOKEN}/conda" });
 * // channels: [ours, conda-forge]
 */
export function mergeCondarc(existing: string | null, options: { channelUrl: string }): Result<MergeOutput> {
  const text = existing ?? "";
  const doc = parseDocument(text);
  const firstError = doc.errors[0];
  if (firstError !== undefined) {
    return fail("CONFIG_PARSE", `.condarc is not valid YAML (${firstError.message.split("\n")[0]}); fix it first.`);
  }
  const notes: string[] = [];
  // Document.set creates the top-level map of an empty file.
  if (doc.contents !== null && !isMap(doc.contents)) return fail("CONFIG_UNSUPPORTED", ".condarc does not hold a mapping at its top level.");
  const channels = doc.get("channels", true);
  if (channels === undefined || channels === null || (isScalar(channels) && channels.value === null)) {
    doc.set("channels", doc.createNode([options.channelUrl]));
    notes.push(".condarc had no channels list, so conda now uses only this channel; add `defaults` to it to keep Anaconda's.");
    return ok({ text: doc.toString(), notes });
  }
  if (!isSeq(channels)) return fail("CONFIG_UNSUPPORTED", ".condarc `channels` is not a list; make it a YAML list first.");
  const key = channelKey(options.channelUrl);
  const values = channels.items.map((item) => (isScalar(item) ? String((item as Scalar).value) : null));
  const alreadyFirst = values[0] === options.channelUrl && values.slice(1).every((v) => v === null || channelKey(v) !== key);
  if (alreadyFirst) return ok({ text, notes });
  channels.items = channels.items.filter((_, i) => {
    const value = values[i];
    return value === null || value === undefined || channelKey(value) !== key;
  });
  channels.items.unshift(doc.createNode(options.channelUrl));
  return ok({ text: doc.toString(), notes });
}
