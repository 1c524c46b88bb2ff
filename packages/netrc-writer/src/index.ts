export { applyClientConfig, planAndApplyClientConfig } from "./apply-client-config.js";
export {
  CLIENT_NAMES,
  type ClientConfigPlan,
  type ClientConfigRequest,
  type BiocConfigFile,
  type ClientName,
  type ConnectTarget,
  type FileChange,
  type RepoKind,
  type RepoTarget,
  TOKEN_LOGIN,
} from "./client-config-types.js";
export { type ClientPaths, defaultClientPaths, defaultNetrcPath } from "./client-paths.js";
export { type CurlNetrcReading, resolveAsCurl } from "./curl-netrc.js";
export { type FileLockOptions, FileLockTimeoutError, withFileLocks } from "./file-locks.js";
export { findMachine, type MachineLookup } from "./find-machine.js";
export { maskSecret, maskSecretsInText } from "./mask-secrets.js";
export { mergeCondarc } from "./merge-condarc.js";
export { mergeCurlrc, quoteCurlrcValue } from "./merge-curlrc.js";
export { mergeEnvFile } from "./merge-env-file.js";
export type { MergeOutput } from "./merge-output.js";
export { mergePipConf, type PipConfOptions } from "./merge-pip-conf.js";
export {
  mergeRProfile,
  quoteRString,
  type RAuth,
  R_BLOCK_END,
  R_BLOCK_START,
  type RProfileOptions,
  renderRProfileBlock,
} from "./merge-rprofile.js";
export { mergeUvToml } from "./merge-uv-toml.js";
export {
  listMachines,
  type NetrcDocument,
  type NetrcEntry,
  type NetrcField,
  type NetrcItem,
  type NetrcMacro,
  type NetrcTrivia,
  serializeNetrc,
} from "./netrc-document.js";
export { removeMachine, upsertMachine } from "./netrc-edit.js";
export { parseNetrc } from "./netrc-parse.js";
export { type NetrcValueKind, validateNetrcValue } from "./netrc-value.js";
export { checkUrl } from "./plan-clients.js";
export { planClientConfig } from "./plan-client-config.js";
export { netrcPasswordFor } from "./plan-netrc.js";
export { readFileOrNull } from "./plan-files.js";
export {
  type NetrcCredentials,
  type PythonNetrcReading,
  readNetrcAsPython,
  resolveAsPython,
} from "./python-netrc.js";
export { renderDiff } from "./render-diff.js";
export { hostFromUrl, parseRepoUrl, redactUrl, stripTokenSegment } from "./repo-url.js";
export { fail, type NetrcError, type NetrcErrorCode, ok, type Result } from "./result.js";
export { type WriteFileAtomicOptions, writeFileAtomic } from "./write-file-atomic.js";
