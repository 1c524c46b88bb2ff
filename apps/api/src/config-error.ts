/** A setting that failed validation, named as the user sets it (variable, or key of the config file). */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}
