import { DomainError } from "../errors/index.js";

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * Throws INVALID_INPUT unless the name is a usable org or group name.
 *
 * @example
 * requireIdentityName("data-science", "org"); // fine
 * requireIdentityName("bad name", "group"); // throws, field "name"
 */
export function requireIdentityName(name: string, what: "org" | "group"): void {
  if (!NAME.test(name)) {
    throw new DomainError(
      "INVALID_INPUT",
      `invalid ${what} name '${name}': use 1-64 characters of letters, digits, '.', '_' or '-', starting with a letter or digit`,
      "name",
    );
  }
}
