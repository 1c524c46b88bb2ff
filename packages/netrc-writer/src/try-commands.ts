import type { ClientName } from "./client-config-types.js";

/** Quotes a word for a POSIX shell when it needs it. */
export function quoteShellWord(word: string): string {
  return /^[A-Za-z0-9_./:@%+=,~-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Inputs of the commands suggested to try a setup. */
export interface TryCommandInput {
  url: string;
  netrcFile: string;
  serverNetrcFile: string;
  /** Set when the token is only available from an environment variable. */
  tokenEnvOnly: string | null;
}

/** Returns a one-line command that tries one client's new configuration. */
export function renderTryCommand(client: ClientName, input: TryCommandInput): string {
  const url = quoteShellWord(input.url);
  switch (client) {
    case "pip":
      return `pip install --index-url ${url} <package>`;
    case "uv":
      return "uv pip install <package>";
    case "r":
      return `Rscript -e 'install.packages("<package>")'`;
    case "bioc":
      return `Rscript -e 'BiocManager::install("<package>")'`;
    case "conda":
      return "conda search <package>";
    case "curl":
      return input.tokenEnvOnly === null
        ? `curl --fail --silent --show-error ${url}`
        : `curl --fail --silent --show-error -u "__token__:$${input.tokenEnvOnly}" ${url}`;
    case "connect":
      return `curl --fail --silent --show-error --netrc-file ${quoteShellWord(input.serverNetrcFile)} ${url}`;
  }
}
