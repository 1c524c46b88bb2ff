/** Platform subdirectories conda itself knows about (conda's `PLATFORM_DIRECTORIES`). */
export const CONDA_SUBDIRS: readonly string[] = Object.freeze([
  "noarch",
  "emscripten-wasm32",
  "wasi-wasm32",
  "freebsd-64",
  "linux-32",
  "linux-64",
  "linux-aarch64",
  "linux-armv6l",
  "linux-armv7l",
  "linux-ppc64",
  "linux-ppc64le",
  "linux-riscv64",
  "linux-s390x",
  "osx-64",
  "osx-arm64",
  "win-32",
  "win-64",
  "win-arm64",
  "zos-z",
]);

const KNOWN_SUBDIRS = new Set(CONDA_SUBDIRS);

const LABEL_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/**
 * Whether `s` is one of the known conda subdirs (`noarch`, `linux-64`, …).
 * @example isValidCondaSubdir("osx-arm64") // true
 */
export function isValidCondaSubdir(s: string): boolean {
  return KNOWN_SUBDIRS.has(s);
}

/**
 * Whether `s` is a valid channel label (`main`, `dev`, `rc-1.2`): it becomes a URL segment.
 * @example isValidCondaLabel("main") // true
 */
export function isValidCondaLabel(s: string): boolean {
  return LABEL_PATTERN.test(s);
}
