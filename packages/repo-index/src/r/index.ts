export { wrapDcfField } from "./dcf-wrap.js";
export { parseDcf } from "./dcf.js";
export { parseDescription } from "./description.js";
export { PACKAGES_FIELDS, sortPackageEntries } from "./packages-fields.js";
export { renderPackagesFile } from "./packages-file.js";
export { compareRVersion, isValidRPackageName, isValidRVersion } from "./r-version.js";
export { serializePackagesRds } from "./rds.js";
export { type RPackageInfo, readRPackage } from "./read-package.js";
export { parseRTarballFilename } from "./tarball-filename.js";
