import { describe, expect, it } from "vitest";
import { type CondaTarget, parseCondaPath } from "./conda-path.js";

const cases: [string, CondaTarget["kind"], Record<string, string>?][] = [
  ["noarch/repodata.json", "repodata", { snapshot: "latest", label: "main", subdir: "noarch" }],
  ["latest/noarch/repodata.json", "repodata", { snapshot: "latest", label: "main", subdir: "noarch" }],
  ["2026-03-01/linux-64/repodata.json", "repodata", { snapshot: "2026-03-01", label: "main", subdir: "linux-64" }],
  ["label/dev/linux-64/repodata.json", "repodata", { snapshot: "latest", label: "dev", subdir: "linux-64" }],
  ["2026-03-01/label/rc-1.2/osx-arm64/current_repodata.json", "repodata", { snapshot: "2026-03-01", label: "rc-1.2", subdir: "osx-arm64" }],
  ["channeldata.json", "channeldata", { snapshot: "latest", label: "main" }],
  ["latest/label/dev/channeldata.json", "channeldata", { snapshot: "latest", label: "dev" }],
  ["noarch/app-1.0-0.tar.bz2", "file", { subdir: "noarch", filename: "app-1.0-0.tar.bz2", label: "main" }],
  ["label/dev/linux-64/lib-2.0-h1_0.conda", "file", { subdir: "linux-64", filename: "lib-2.0-h1_0.conda", label: "dev" }],
  ["noarch/repodata.json.zst", "absent"],
  ["noarch/repodata.json.bz2", "absent"],
  ["noarch/repodata.jlap", "absent"],
  ["noarch/repodata_shards.msgpack.zst", "absent"],
  ["linux-64/shards/abc.msgpack.zst", "absent"],
  ["noarch/", "absent"],
  ["noarch", "absent"],
  ["", "absent"],
  ["not-a-subdir/repodata.json", "absent"],
  ["label/Bad/noarch/repodata.json", "absent"],
  ["label", "absent"],
  ["label/dev", "absent"],
  ["noarch/../x.conda", "absent"],
];

describe("parseCondaPath", () => {
  it.each(cases)("%s → %s", (path, kind, fields) => {
    const target = parseCondaPath(path.split("/"));
    expect(target.kind).toBe(kind);
    if (fields) expect(target).toMatchObject(fields);
  });
});
