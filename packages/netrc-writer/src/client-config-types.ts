/** A client whose configuration `planClientConfig` can write. */
export type ClientName = "pip" | "uv" | "r" | "bioc" | "conda" | "curl" | "connect";

/** Every supported client, in the order their files are planned. */
export const CLIENT_NAMES: readonly ClientName[] = ["pip", "uv", "r", "bioc", "conda", "curl", "connect"];

/** The login written to netrc entries; the server accepts any login, this one is documented. */
export const TOKEN_LOGIN = "__token__";

/** A repo type as the server names it; `any` is a URL typed by hand, given to every client. */
export type RepoKind = "python" | "r" | "bioconductor" | "conda" | "any";

/** One repo clients should install from, with the URL of its kind's layout. */
export interface RepoTarget {
  name: string;
  kind: RepoKind;
  /** python: the simple index; r and bioconductor: the repo root (`…/latest`); conda: the channel. */
  url: string;
}

/** A Bioconductor repo's `config.yaml`, fetched with the token at set-up time so BiocManager reads it locally. */
export interface BiocConfigFile {
  /** Where to write it (no secret in it); BIOCONDUCTOR_CONFIG_FILE points here. */
  path: string;
  text: string;
}

/** The Posit Connect server's files (absolute paths, already under `--root` when one is used). */
export interface ConnectTarget {
  /** Environment file the Connect service reads (gets `NETRC=`). */
  envFile: string;
  /** Home folder of the RunAs user (gets `.curlrc`); null: leave curl alone. */
  runAsHome: string | null;
  /** System pip configuration (`/etc/pip.conf`); null: leave pip alone. */
  pipConf: string | null;
  /** pip's timeout in seconds written to pip.conf. */
  pipTimeout: number;
}

/** What `gatehouse client-config` asks for. */
export interface ClientConfigRequest {
  /** A URL typed by hand, used by every client (same as one repo of kind `any`). */
  url?: string;
  /** Repos asked for by name, with their kinds and URLs (from the server). */
  repos?: readonly RepoTarget[];
  token?: string;
  /** Name of an environment variable holding the token, referenced instead of the secret where clients allow. */
  tokenEnv?: string;
  clients: readonly ClientName[];
  home: string;
  /** Default `<home>/.netrc` (`_netrc` on win32). */
  netrcFile?: string;
  /** netrc of the Connect server; default `/etc/netrc`. */
  serverNetrcFile?: string;
  platform?: NodeJS.Platform;
  /** Name of the index in uv.toml and of the repo in R's `repos` option (one repo only); default the repo's name. */
  repoName?: string;
  /** Environment file of a Connect-style server (with the `connect` client, when `connect` is not given). */
  connectEnvFile?: string;
  connect?: ConnectTarget;
  /** The `bioc` client: the Bioconductor repo's config.yaml to write locally. */
  biocConfig?: BiocConfigFile;
  /** Replace a netrc entry of the host that holds another token (the caller has checked nothing is cut off). */
  replaceToken?: boolean;
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
