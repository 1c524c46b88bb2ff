import { z } from "zod";

/** A repo's type, which is also a source's kind. */
export const repoType = z.enum(["python", "r", "bioconductor", "conda"], { message: "type must be one of python, r, bioconductor, conda" });
export type RepoType = z.output<typeof repoType>;

/** A repository as callers see it. */
export const repoInfo = z.object({
  id: z.string(),
  name: z.string(),
  type: repoType,
  description: z.string(),
  authenticated: z.boolean(),
  sources: z.array(z.string()).describe("subscribed source names, in priority order (first wins on a name+version clash)"),
  createdAt: z.string(),
});
export type RepoInfo = z.output<typeof repoInfo>;

export const repoList = z.object({ repos: z.array(repoInfo) });

// The type stays a string here so the domain's refusal (naming the valid types) is the one callers see.
export const createRepoBody = z.object({
  name: z.string(),
  type: z.string().optional().describe("default r, as in Posit Package Manager"),
  description: z.string().optional(),
  authenticated: z.boolean().optional().describe("default: setting auth.newReposAuthByDefault"),
});
export type CreateRepoBody = z.input<typeof createRepoBody>;

export const editRepoBody = z.object({ authenticated: z.boolean().optional(), description: z.string().optional() });
export type EditRepoBody = z.input<typeof editRepoBody>;

export const subscribeBody = z.object({ source: z.string() });

/** What deleting a repo took with it, and what still names it. */
export const deletedRepo = z.object({
  name: z.string(),
  sources: z.array(z.string()).describe("sources it no longer serves (they and their files stay)"),
  grants: z.number().describe("group grants on the repo, removed with it"),
  blocklistRules: z.number().describe("blocklist rules scoped to the repo, removed with it"),
  tokensNamingIt: z.array(z.string()).describe("live tokens whose repos list names it: they would read a new repo of that name"),
});
export type DeletedRepo = z.output<typeof deletedRepo>;

/** One file of a package as `gatehouse info` shows it. */
export const packageDetailFile = z.object({
  filename: z.string(),
  source: z.string().describe("the source that serves it (first source wins a version present in several)"),
  kind: z.enum(["wheel", "sdist", "r-source", "conda"]),
  size: z.number(),
  sha256: z.string(),
  subdir: z.string().nullable(),
  biocVersion: z.string().nullable(),
  labels: z.array(z.string()).describe("conda labels; empty for other kinds"),
  yanked: z.boolean(),
  yankedReason: z.string().nullable(),
  publishedAt: z.string(),
});
export type PackageDetailFile = z.output<typeof packageDetailFile>;

/** A package of a repo as the caller sees it: versions in publication order, each with its files. */
export const packageDetail = z.object({
  repo: z.object({ name: z.string(), type: repoType, authenticated: z.boolean() }),
  project: z.string(),
  name: z.string(),
  private: z.boolean(),
  owner: z.string().nullable(),
  versions: z.array(z.object({ version: z.string(), files: z.array(packageDetailFile) })),
});
export type PackageDetail = z.output<typeof packageDetail>;
