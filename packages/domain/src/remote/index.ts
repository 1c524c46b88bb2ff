export { RemoteMirror } from "./remote-mirror.js";
export { BIOC_SECTIONS, type BiocSection, type MirrorIndex } from "./mirror-index.js";
export { checkUpstreamUrl } from "./upstream-fetch.js";
export { refusalOf } from "./upstream-address.js";
export { type SyncProjectResult, listUpstreamProjects, requireRemoteSource, syncRemoteProject } from "./sync-remote.js";
