export type { CondaReadLimits } from "./archive-limits.js";
export { type ChanneldataInput, type ChanneldataPackage, renderChanneldata } from "./channeldata.js";
export { type CondaFilename, type CondaFormat, formatCondaFilename, parseCondaFilename } from "./conda-filename.js";
export { isValidCondaBuildString, isValidCondaName } from "./conda-names.js";
export { type CondaRecord, copyOptionalCondaKeys, toCondaRecord } from "./conda-record.js";
export { CONDA_SUBDIRS, isValidCondaLabel, isValidCondaSubdir } from "./conda-subdirs.js";
export type { CondaPackageInfo } from "./package-info.js";
export { readCondaPackage } from "./read-package.js";
export { type RepodataInput, renderRepodata, repodataFrame, repodataRecordLine } from "./repodata.js";
export {
  type CondaVersion,
  type CondaVersionAtom,
  compareCondaVersion,
  compareParsedCondaVersions,
  parseCondaVersion,
} from "./version-order.js";
export { parseCondaVersionSpec } from "./conda-match-version.js";
