// The package's public surface: services and types. Query functions, the
// database opener and migrations stay inside (each folder's index.ts is that
// folder's surface for the rest of the domain, not for apps).
export * from "./errors/index.js";
export type * from "./db/schema.js";
export type { DatabaseTarget, DataDirLock, LockHolder, OpenDatabase } from "./db/index.js";
export { readLockHolder } from "./db/index.js";
export * from "./ids.js";
export * from "./auth/index.js";
export { type ExplainSubject, type Explanation, explainAccess } from "./explain/index.js";
export type { AuditEvent, AuditFilter, AuthFailure, AuthFailureFloodOptions, RefusedWrite, Refusal } from "./audit/index.js";
export { AuthFailureAuditor, listAuditEvents, recordAuthFailure, recordForbidden, recordRefusedWrite } from "./audit/index.js";
export { type Change, ChangeBus, followChanges } from "./changes/index.js";
export * from "./blobs/index.js";
export { isValidUserName } from "./users/index.js";
export type {
  CreateTokenInput,
  CreatedToken,
  LeakedTokenOutcome,
  ListTokensInput,
  RevokeTarget,
  TokenIdentity,
  TokenInfo,
  VerifyFailure,
  VerifyResult,
  WhoAmI,
} from "./tokens/index.js";
export { EXPIRY_WARNING_DAYS, TokenVerifier, bootstrapAdminToken, createToken, isExpiringSoon, listTokens, mintFirstAdminTokenIfEmpty, revokeLeakedToken, revokeToken, whoAmI } from "./tokens/index.js";
export * from "./lifecycle/index.js";
export * from "./context.js";
export * from "./open-domain.js";
export { REPO_TYPES, type RepoInfo, type SourceInfo, isCompatible } from "./repos/index.js";
export { type CreateRepoInput, type CreateSourceInput, type EditRepoInput, createRepo, createSource, editRepo, getRepo, listRepos, listSources, subscribe } from "./repos/index.js";
export { type DeletedRepo, deleteRepo, deleteSource, unsubscribe } from "./repos/index.js";
export type { EditLabelsInput, FileRef, LabelChange, MoveLabelInput, PackageFileInfo, PublishInput, RemoveInput } from "./files/index.js";
export { editFileLabels, isSnapshotSegment, listSourceFiles, moveFileLabel, parseSnapshot, publishFile, removeFiles, setFileLabels } from "./files/index.js";
export { type BatchOutcome, type BatchUpload, type PublishBatchInput, checkBatchTarget, publishBatch } from "./files/index.js";
export type { CopyLabelInput, FileLabel, LabelCopy, PackageDetail, PackageDetailFile, SourceLabel, YankInput } from "./files/index.js";
export { copyLabel, listFileLabels, listSourceLabels, packageDetail, yankFile } from "./files/index.js";
export * from "./access/index.js";
export * from "./catalog/index.js";
export type { GrantInfo, GrantTarget, GroupInfo, GroupRef, MemberInfo, OrgDetail, OrgInfo, OrgRole, PackageAccessInfo, PackageRef, SetPackageAccessInput } from "./identity/index.js";
export { PERMISSIONS, isPermission } from "./identity/index.js";
export { addGroupMember, createGroup, deleteGroup, getGroup, listGroups, removeGroupMember } from "./identity/index.js";
export { addOrgMember, createOrg, deleteOrg, getOrg, listOrgs, removeOrgMember } from "./identity/index.js";
export { getPackageAccess, grantAccess, listPackageAccess, revokeGrant, setPackageAccess } from "./identity/index.js";
export * from "./blocklist/index.js";
export * from "./metadata/index.js";
export { type BlobReservation, DEFAULT_GC_MIN_AGE_MS, type GcOptions, type GcReport, STALE_UPLOAD_MS, collectGarbage } from "./gc/index.js";
