export { RemoteMirror } from "./remote-mirror.js";
export { checkUpstreamUrl } from "./upstream-fetch.js";
export { refusalOf } from "./upstream-address.js";
export { type SyncProjectResult, listUpstreamProjects, requireRemoteSource, syncRemoteProject } from "./sync-remote.js";
