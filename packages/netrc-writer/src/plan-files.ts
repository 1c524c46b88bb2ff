import { readFileSync } from "node:fs";
import type { ClientName, FileChange } from "./client-config-types.js";

/** Reads a file as UTF-8, or returns null when it does not exist. */
export function readFileOrNull(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/** Collects the wanted content of each file, so two clients editing one file build on each other. */
export class FilePlan {
  private readonly files = new Map<string, FileChange>();

  constructor(private readonly readFile: (file: string) => string | null) {}

  /** Current wanted content: what an earlier step planned, else what is on disk. */
  current(file: string): string | null {
    const planned = this.files.get(file);
    return planned === undefined ? this.readFile(file) : planned.after;
  }

  set(file: string, after: string, client: ClientName | "netrc", secret: boolean): void {
    const previous = this.files.get(file);
    const isSecret = secret || (previous?.secret ?? false);
    const before = previous === undefined ? this.readFile(file) : previous.before;
    const isNetrc = client === "netrc" || previous?.client === "netrc";
    this.files.set(file, {
      path: file,
      before,
      after,
      mode: isSecret || isNetrc ? 0o600 : 0o644,
      secret: isSecret,
      client: previous?.client ?? client,
    });
  }

  changes(): FileChange[] {
    return [...this.files.values()].filter((f) => f.before !== f.after);
  }

  unchanged(): string[] {
    return [...this.files.values()].filter((f) => f.before === f.after).map((f) => f.path);
  }
}
