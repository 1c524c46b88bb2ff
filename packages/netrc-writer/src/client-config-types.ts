/** A client whose configuration `planClientConfig` can write. */
export type ClientName = "pip" | "uv" | "r" | "conda" | "curl" | "connect";

/** Every supported client, in the order their files are planned. */
export const CLIENT_NAMES: readonly ClientName[] = ["pip", "uv", "r", "conda", "curl", "connect"];

/** The login written to netrc entries; the server accepts any login, this one is documented. */
export const TOKEN_LOGIN = "__token__";

/** What `gatehouse client-config` asks for. */
export interface ClientConfigRequest {
  /** Repository URL, e.g. http://127.0.0.1:4242/pypi/latest/simple/, a conda channel or an R repo URL. */
  url: string;
  token?: string;
  /** Name of an environment variable holding the token, referenced instead of the secret where clients allow. */
  tokenEnv?: string;
  clients: readonly ClientName[];
  home: string;
  /** Default `<home>/.netrc` (`_netrc` on win32); for `connect`, default `/etc/netrc`. */
  netrcFile?: string;
  platform?: NodeJS.Platform;
  /** Name of the index in uv.toml and of the repo in R's `repos` option; default from the URL's first segment. */
  repoName?: string;
  /** Environment file of a Connect-style server (required with the `connect` client). */
  connectEnvFile?: string;
}

/** One file the plan would write. */
export interface FileChange {
  path: string;
  /** null = the file does not exist yet. */
  before: string | null;
  after: string;
  mode: number;
  /** True when the content holds the token. */
  secret: boolean;
  client: ClientName | "netrc";
}

/** Everything `client-config` would do, computed without writing anything. */
export interface ClientConfigPlan {
  /** Only files whose content changes. */
  changes: FileChange[];
  /** Files that already hold the wanted configuration. */
  unchanged: string[];
  /** Plain-language notes: limits of a client, conflicts found, things to do by hand. */
  notes: string[];
  /** One command per client to try the setup. */
  tryCommands: string[];
}
