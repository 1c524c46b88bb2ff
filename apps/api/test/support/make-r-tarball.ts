import { makeTarGz } from "./make-tar-gz.js";

/**
 * An R source package `<pkg>_<version>.tar.gz` as `R CMD build` lays it out (test support).
 * @example makeRTarball({ package: "foo", version: "1.0", fields: { Imports: "bar" } })
 */
export function makeRTarball(spec: { package: string; version: string; fields?: Record<string, string>; folder?: string }): Buffer {
  const folder = spec.folder ?? spec.package;
  const fields: Record<string, string> = {
    Package: spec.package,
    Version: spec.version,
    Title: `The ${spec.package} package`,
    Description: "A test package.",
    License: "MIT",
    NeedsCompilation: "no",
    ...spec.fields,
  };
  const description = Object.entries(fields)
    .map(([k, v]) => `${k}: ${v}\n`)
    .join("");
  return makeTarGz([
    { name: `${folder}/` },
    { name: `${folder}/DESCRIPTION`, data: description },
    { name: `${folder}/NAMESPACE`, data: "export(hello)\n" },
    { name: `${folder}/R/${spec.package}.R`, data: `hello <- function() "${spec.package} ${spec.version}"\n` },
  ]);
}
