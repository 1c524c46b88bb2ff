import path from "node:path";

/** Where each client reads its user-level configuration. */
export interface ClientPaths {
  netrc: string;
  pip: string;
  uv: string;
  curlrc: string;
  condarc: string;
  rprofile: string;
}

function pathFor(platform: NodeJS.Platform): path.PlatformPath {
  return platform === "win32" ? path.win32 : path.posix;
}

/**
 * Returns the netrc a user's clients read: `_netrc` on Windows, `.netrc` elsewhere.
 * @example
 * defaultNetrcPath("/home/ana", "linux");       // "/home/ana/.netrc"
 * defaultNetrcPath("C:\\Users\\ana", "win32");  // "C:\\Users\\ana\\_netrc"
 */
export function defaultNetrcPath(home: string, platform: NodeJS.Platform = process.platform): string {
  return pathFor(platform).join(home, platform === "win32" ? "_netrc" : ".netrc");
}

/**
 * Returns the user-level config file of every supported client for a home folder and platform.
 * `exists` lets pip keep using `~/.config/pip/pip.conf` on macOS when that file is already there.
 */
export function defaultClientPaths(
  home: string,
  platform: NodeJS.Platform = process.platform,
  exists: (file: string) => boolean = () => false,
): ClientPaths {
  const p = pathFor(platform);
  const netrc = defaultNetrcPath(home, platform);
  if (platform === "win32") {
    const appData = p.join(home, "AppData", "Roaming");
    return {
      netrc,
      pip: p.join(appData, "pip", "pip.ini"),
      uv: p.join(appData, "uv", "uv.toml"),
      curlrc: p.join(home, "_curlrc"),
      condarc: p.join(home, ".condarc"),
      // R on Windows treats the Documents folder as "~".
      rprofile: p.join(home, "Documents", ".Rprofile"),
    };
  }
  const xdgPip = p.join(home, ".config", "pip", "pip.conf");
  const pip =
    platform === "darwin" && !exists(xdgPip) ? p.join(home, "Library", "Application Support", "pip", "pip.conf") : xdgPip;
  return {
    netrc,
    pip,
    uv: p.join(home, ".config", "uv", "uv.toml"),
    curlrc: p.join(home, ".curlrc"),
    condarc: p.join(home, ".condarc"),
    rprofile: p.join(home, ".Rprofile"),
  };
}
