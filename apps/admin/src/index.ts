import { fileURLToPath } from "node:url";

/**
 * Absolute path of the built console (`dist/console/`: `index.html` plus one hashed JS and one hashed CSS file).
 * Resolves the same from the sources (`src/`) and from the build (`dist/`), since both sit beside `dist/`.
 *
 * @example
 * const dir = locateConsoleAssets(); // "/srv/gatehouse/apps/admin/dist/console"
 */
export function locateConsoleAssets(): string {
  return fileURLToPath(new URL("../dist/console", import.meta.url));
}

