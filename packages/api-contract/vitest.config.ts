import { definePackageProject } from "@gatehouse/vitest-preset";

export default definePackageProject(import.meta.dirname);
