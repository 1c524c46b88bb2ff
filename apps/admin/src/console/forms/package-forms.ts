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

/** A file as the CLI names it. */
export interface FileTarget {
  source: string;
  filename: string;
}

/**
 * `gatehouse yank` (PEP 592), or taking a yank back.
 * @example yankCommand({ source: "py", filename: "a-1.0.whl" }, "broken") // "gatehouse yank --source py --file a-1.0.whl --reason broken"
 */
export function yankCommand(file: FileTarget, reason: string, undo = false): string {
  const base = formatCliCommand(["yank"], [{ flag: "source", value: file.source }, { flag: "file", value: file.filename }, { flag: "reason", value: undo || reason === "" ? undefined : reason }]);
  return undo ? `${base} --undo` : base;
}

/**
 * `gatehouse remove` of one version of a package from a source.
 * @example removeVersionCommand("py", "a", "1.0") // "gatehouse remove --source py --name a --version 1.0"
 */
export function removeVersionCommand(source: string, name: string, version: string): string {
  return formatCliCommand(["remove"], [{ flag: "source", value: source }, { flag: "name", value: name }, { flag: "version", value: version }]);
}

/**
 * `gatehouse label move --to` (adds a label) or `gatehouse label remove`.
 * @example labelCommand({ source: "c", filename: "a-1.0-0.conda" }, "add", "dev") // "gatehouse label move --source c --file a-1.0-0.conda --to dev"
 */
export function labelCommand(file: FileTarget, change: "add" | "remove", label: string): string {
  const target = [{ flag: "source", value: file.source }, { flag: "file", value: file.filename }];
  if (change === "add") return formatCliCommand(["label", "move"], [...target, { flag: "to", value: label, placeholder: "LABEL" }]);
  return formatCliCommand(["label", "remove"], [...target, { flag: "label", value: label }]);
}
