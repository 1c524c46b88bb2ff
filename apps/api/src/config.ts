// The server's configuration alone (environment, gatehouse.toml, storage location), for the CLI:
// reading it must not load the server, the domain or a database driver.
export { loadConfig, type ServerConfig } from "./env.js";
export { ConfigError } from "./config-error.js";
