/** The hashed file names the console build produced. */
export interface BuiltAssets {
  script: string;
  style: string;
}

/**
 * Picks the console's script and stylesheet out of the build's file names.
 * @example findBuiltAssets(["app-X1.js", "app-X1.css"]) // { ok: true, value: { script: "app-X1.js", style: "app-X1.css" } }
 */
export function findBuiltAssets(fileNames: readonly string[]): { ok: true; value: BuiltAssets } | { ok: false; error: { code: "ASSET_MISSING"; message: string } } {
  const script = fileNames.find((n) => /^app-[A-Za-z0-9]+\.js$/.test(n));
  const style = fileNames.find((n) => /^app-[A-Za-z0-9]+\.css$/.test(n));
  if (!script || !style) {
    return { ok: false, error: { code: "ASSET_MISSING", message: `the console build is incomplete (found: ${fileNames.join(", ") || "nothing"}); rebuild with \`pnpm --filter @gatehouse/admin build\`` } };
  }
  return { ok: true, value: { script, style } };
}

/**
 * Fills the `index.html` template's `%SCRIPT%` and `%STYLE%` placeholders with absolute asset URLs.
 * @example renderIndexHtml(template, { script: "app-X1.js", style: "app-X1.css" }, "/__admin__/")
 */
export function renderIndexHtml(template: string, assets: BuiltAssets, base: string): string {
  return template.replaceAll("%SCRIPT%", `${base}${assets.script}`).replaceAll("%STYLE%", `${base}${assets.style}`);
}
