import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SortedChunks } from "./sorted-chunks.js";

interface Item {
  key: string;
  project: string;
  n: number;
}

describe("SortedChunks", () => {
  it("holds exactly the entries a sorted map would, in order, in bounded chunks, after any inserts and removals", () => {
    const op = fc.record({ insert: fc.boolean(), key: fc.string({ maxLength: 3 }), n: fc.nat() });
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 3 })), fc.array(op, { maxLength: 200 }), fc.integer({ min: 1, max: 4 }), (initial, ops, target) => {
        const reference = new Map<string, number>();
        for (const key of initial) if (!reference.has(key)) reference.set(key, 0);
        const chunks = new SortedChunks<Item>([...reference.keys()].map((key) => ({ key, project: key, n: 0 })), target);
        for (const o of ops) {
          if (o.insert) {
            reference.set(o.key, o.n);
            chunks.insert({ key: o.key, project: o.key, n: o.n });
          } else {
            reference.delete(o.key);
            chunks.remove(o.key);
          }
        }
        const expected = [...reference.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        expect([...chunks.all()].map((e) => [e.key, e.n])).toEqual(expected);
        for (const chunk of chunks.chunks) {
          expect(chunk.entries.length).toBeGreaterThan(0);
          expect(chunk.entries.length).toBeLessThanOrEqual(2 * target);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("drops a chunk's cached renders when it is edited, and only that chunk's", () => {
    const chunks = new SortedChunks<Item>(["a", "b", "c", "d"].map((key) => ({ key, project: key, n: 0 })), 2);
    for (const c of chunks.chunks) c.views.set("", { visible: c.entries, segments: new Map() });
    chunks.insert({ key: "d", project: "d", n: 1 });
    expect(chunks.chunks.map((c) => c.views.size)).toEqual([1, 0]);
  });
});
