import { formatCliCommand } from "../html/cli-command.js";

/**
 * `gatehouse info`: a package's versions and files in a repo.
 * @example packageInfoCommand("pypi", "") // "gatehouse info --repo pypi --name PACKAGE"
 */
export function packageInfoCommand(repo: string, name: string): string {
  return formatCliCommand(["info"], [{ flag: "repo", value: repo }, { flag: "name", value: name, placeholder: "PACKAGE" }]);
}

/**
 * `gatehouse set package-access`: make a package private or public again.
 * @example setPackageAccessCommand("py-local", "secret", true) // "gatehouse set package-access --source py-local --name secret --private true"
 */
export function setPackageAccessCommand(source: string, name: string, isPrivate: boolean): string {
  return formatCliCommand(["set", "package-access"], [{ flag: "source", value: source }, { flag: "name", value: name }, { flag: "private", value: String(isPrivate) }]);
}
