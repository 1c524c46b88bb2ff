import type { UserWorkspaceConfig } from "vitest/config";

/** Project config for one workspace package, named after its folder. */
export function definePackageProject(dir: string, overrides?: UserWorkspaceConfig): UserWorkspaceConfig;
