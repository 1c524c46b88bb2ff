import { z } from "zod";
import { repoType } from "./repos.js";
import { strictBody } from "./strict.js";

/** A source as callers see it. */
export const sourceInfo = z.object({
  id: z.string(),
  name: z.string(),
  kind: repoType,
  type: z.enum(["local", "remote"]),
  upstream: z.string().nullable().describe("remote sources: the upstream index they mirror (never with credentials)"),
  upstreamTokenEnv: z.string().nullable().describe("remote sources: the server environment variable holding the upstream token"),
  createdAt: z.string(),
});
export type SourceInfo = z.output<typeof sourceInfo>;

export const sourceList = z.object({ sources: z.array(sourceInfo) });

export const createSourceBody = strictBody({
  name: z.string(),
  kind: z.string(),
  upstream: z.string().optional().describe("remote sources: the upstream index URL to mirror (http or https)"),
  upstreamTokenEnv: z.string().optional().describe("remote sources: the server environment variable holding the upstream token"),
});
export type CreateSourceBody = z.input<typeof createSourceBody>;

export const syncBody = strictBody({
  project: z.string().min(1, "project is required: the upstream project to mirror"),
  dryRun: z.boolean().optional().describe("count what would be fetched, fetch nothing"),
});

/** What mirroring one project did (or, in a dry run, would do). */
export const syncResult = z.object({
  project: z.string(),
  files: z.number().describe("live files the mirror lists for the project after reading the upstream"),
  fetched: z.number().describe("files whose bytes were fetched now (dry run: that would be fetched)"),
  present: z.number().describe("files already stored"),
  bytes: z.number(),
  failed: z.array(z.object({ filename: z.string(), error: z.string() })),
});
export type SyncResult = z.output<typeof syncResult>;

export const upstreamProjects = z.object({ projects: z.array(z.string()) });
