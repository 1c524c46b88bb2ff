import { formatCliCommand } from "../html/cli-command.js";
import { condaChannelUrl, netrcHost, type RepoRef, repoBaseUrl } from "./repo-urls.js";

/** What the page shows for a secret the admin pastes in themselves. */
export const TOKEN_PLACEHOLDER = "<token>";
/** Uploads need a token that may write; a minted repos:read token never replaces this one. */
export const UPLOAD_TOKEN_PLACEHOLDER = "<upload-token>";

/** One file (or command) to copy: where it goes and what it says. */
export interface SetupSnippet {
  /** The file to edit, or "shell" for a command to run. */
  target: string;
  text: string;
}

/** How to configure one client for a repo. */
export interface ClientSetup {
  id: string;
  title: string;
  intro: string;
  snippets: SetupSnippet[];
  /** The `gatehouse client-config` command that writes the same files, when it can. */
  command?: string;
}

// An absolute path: curl does not expand "~" inside .curlrc (checked with curl 7.88).
const CURLRC: SetupSnippet = { target: "~/.curlrc", text: `--netrc-file "/home/<you>/.netrc"` };

// R takes a bare name when it is syntactic (pypi, cran.internal), else a quoted one ("cran-2024").
function rListName(name: string): string {
  return /^[A-Za-z][A-Za-z0-9._]*$/.test(name) ? name : `"${name}"`;
}

function netrcSnippet(origin: string): SetupSnippet {
  return { target: "~/.netrc (mode 0600)", text: `machine ${netrcHost(origin)} login __token__ password ${TOKEN_PLACEHOLDER}` };
}

/**
 * The `gatehouse client-config` command for a repo and clients. It names the repo by its URL: the CLI's `--url`
 * works with every version, and a repos:read token for the repo is minted when `--token` is left out.
 * @example clientConfigCommand("http://h:4242/pypi/latest/simple/", ["pip", "curl"])
 * // "gatehouse client-config --url http://h:4242/pypi/latest/simple/ --for pip,curl"
 */
export function clientConfigCommand(url: string, clients: readonly string[]): string {
  return formatCliCommand(["client-config"], [{ flag: "url", value: url }, { flag: "for", value: clients.join(",") }]);
}

function curlSetup(url: string): ClientSetup {
  return {
    id: "curl",
    title: "curl",
    intro: "Any HTTP client works: send the token as the password of HTTP Basic (the login is __token__) or as a Bearer header.",
    snippets: [
      { target: "shell", text: `curl -u __token__:${TOKEN_PLACEHOLDER} ${url}` },
      { ...CURLRC, target: "~/.curlrc (then plain curl sends the token from ~/.netrc)" },
    ],
    command: clientConfigCommand(url, ["curl"]),
  };
}

function pythonSetups(origin: string, repo: RepoRef, date: string): ClientSetup[] {
  const index = `${repoBaseUrl(origin, repo.name, date)}/simple/`;
  return [
    {
      id: "pip",
      title: "pip",
      intro: "pip reads the index URL from pip.conf and the token from ~/.netrc, so no secret is written in pip.conf.",
      snippets: [
        { target: "~/.config/pip/pip.conf", text: `[global]\nindex-url = ${index}` },
        netrcSnippet(origin),
        { target: "shell (one-off)", text: `pip install --index-url ${index} PACKAGE` },
      ],
      command: clientConfigCommand(index, ["pip"]),
    },
    {
      id: "uv",
      title: "uv",
      intro: "uv reads the same ~/.netrc; uv.toml names the index and makes it the default.",
      snippets: [{ target: "~/.config/uv/uv.toml", text: `[[index]]\nname = "${repo.name}"\nurl = "${index}"\ndefault = true` }, netrcSnippet(origin)],
      command: clientConfigCommand(index, ["uv"]),
    },
    {
      id: "twine",
      title: "twine (upload)",
      intro: "Uploads go to the repo's legacy endpoint and need a token that may write to its source (sources:write or pypi:upload).",
      snippets: [{ target: "shell", text: `twine upload --repository-url ${origin}/${encodeURIComponent(repo.name)}/legacy/ -u __token__ -p ${UPLOAD_TOKEN_PLACEHOLDER} dist/*` }],
    },
    curlSetup(index),
  ];
}

function rSetup(origin: string, repo: RepoRef, date: string): ClientSetup {
  const base = repoBaseUrl(origin, repo.name, date);
  return {
    id: "r",
    title: "R",
    intro: "R downloads through curl, which reads the token from ~/.netrc; the repo URL holds no secret.",
    snippets: [
      { target: "~/.Rprofile", text: `options(repos = c(${rListName(repo.name)} = "${base}"), download.file.method = "curl")` },
      CURLRC,
      netrcSnippet(origin),
      { target: "R (one-off)", text: `install.packages("PACKAGE", repos = "${base}")` },
    ],
    command: clientConfigCommand(base, ["r", "curl"]),
  };
}

function biocSetup(origin: string, repo: RepoRef, date: string): ClientSetup {
  const base = repoBaseUrl(origin, repo.name, date);
  return {
    id: "bioc",
    title: "BiocManager",
    intro: "BiocManager reads its mirror from BioC_mirror and the release map from BIOCONDUCTOR_CONFIG_FILE; downloads use curl with ~/.netrc.",
    snippets: [
      { target: "~/.Rprofile", text: `options(BioC_mirror = "${base}", download.file.method = "curl")\nSys.setenv(BIOCONDUCTOR_CONFIG_FILE = "${base}/config.yaml")` },
      CURLRC,
      netrcSnippet(origin),
      { target: "R", text: `BiocManager::install("PACKAGE")` },
    ],
    command: clientConfigCommand(base, ["r", "curl"]),
  };
}

function condaSetup(origin: string, repo: RepoRef, date: string): ClientSetup {
  const channel = condaChannelUrl(origin, repo.name, date, TOKEN_PLACEHOLDER);
  return {
    id: "conda",
    title: "conda",
    intro: "conda carries the token in the channel URL's /t/<token>/ segment; Gatehouse redacts it from every log.",
    snippets: [
      { target: "~/.condarc", text: `channels:\n  - ${channel}` },
      { target: "shell (one-off)", text: `conda install -c ${channel} PACKAGE` },
    ],
    command: clientConfigCommand(repoBaseUrl(origin, repo.name, date), ["conda"]),
  };
}

/**
 * Every client a repo of this type serves, with the exact configuration to copy (token as `<token>`).
 * @example buildClientSetups("http://h:4242", { name: "pypi", type: "python" }, "").map((s) => s.id) // ["pip", "uv", "twine", "curl"]
 */
export function buildClientSetups(origin: string, repo: RepoRef, date: string): ClientSetup[] {
  switch (repo.type) {
    case "python":
      return pythonSetups(origin, repo, date);
    case "conda":
      return [condaSetup(origin, repo, date), curlSetup(`${repoBaseUrl(origin, repo.name, date)}/noarch/repodata.json`)];
    case "bioconductor":
      return [biocSetup(origin, repo, date), rSetup(origin, repo, date), curlSetup(`${repoBaseUrl(origin, repo.name, date)}/config.yaml`)];
    default:
      return [rSetup(origin, repo, date), curlSetup(`${repoBaseUrl(origin, repo.name, date)}/src/contrib/PACKAGES`)];
  }
}
