import { z } from "zod";
import { strictBody, strictFields } from "./strict.js";

/** A blocklist rule as the API returns it. */
export const blocklistRuleInfo = z.object({
  id: z.string(),
  name: z.string().describe("the package name as the rule was written"),
  versions: z.string().nullable().describe("version range in the ecosystem's own syntax; null: every version"),
  repo: z.string().nullable().describe("the repo the rule is limited to; null: every repo"),
  reason: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type BlocklistRuleInfo = z.output<typeof blocklistRuleInfo>;

export const createBlocklistRuleBody = strictBody({
  name: z.string({ error: "name is required: the package to block" }).describe("package name, in any spelling of its ecosystem"),
  versions: z
    .string({ error: "versions must be a string such as \">=1.2,<2\"" })
    .nullish()
    .describe("version range in the ecosystem's own syntax (PEP 440, R, conda match-spec); omitted: every version"),
  repo: z.string({ error: "repo must be a repo name" }).nullish().describe("repo the rule applies to; omitted: every repo"),
  reason: z.string({ error: "reason is required: say why the package is blocked" }).describe("shown to clients whose download is refused"),
});
export type CreateBlocklistRuleBody = z.input<typeof createBlocklistRuleBody>;

/** A note on a package as the API returns it. */
export const metadataEntry = z.object({
  name: z.string().describe("the package name, folded the same way for every kind (lowercase, runs of -_. as one -)"),
  key: z.string(),
  value: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type PackageMetadataEntry = z.output<typeof metadataEntry>;

export const listMetadataQuery = strictFields({
  name: z.string().optional().describe("only this package (any spelling)"),
  repo: z.string().optional().describe("only packages this repo serves"),
});
export type ListMetadataQuery = z.input<typeof listMetadataQuery>;

export const setMetadataBody = strictBody({ value: z.string({ error: "value is required: the note's text" }).describe("at most 2000 characters") });
export type SetMetadataBody = z.input<typeof setMetadataBody>;

export const deletedMetadata = z.object({ deleted: z.object({ name: z.string(), key: z.string() }) });
