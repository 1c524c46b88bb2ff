import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

// Table types are written by hand (not generated) so they read as the data model.

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** JSON columns: stored as jsonb, read back as parsed values. */
type Json<T> = ColumnType<T, string, string>;

export type RepoType = "python" | "r" | "bioconductor" | "conda";
export type TokenStyle = "posit" | "anaconda";
export type Permission = "read" | "write" | "admin";
/** `"*"` or an explicit list of names. */
export type StoredResourceList = "*" | string[];

export interface UsersTable {
  id: string;
  name: string;
  created_at: CreatedAt;
}

export interface OrganizationsTable {
  id: string;
  name: string;
  created_at: CreatedAt;
}

export interface OrgMembersTable {
  org_id: string;
  user_id: string;
  role: "owner" | "member";
}

export interface GroupsTable {
  id: string;
  org_id: string;
  name: string;
  created_at: CreatedAt;
}

export interface GroupMembersTable {
  group_id: string;
  user_id: string;
}

export interface GroupGrantsTable {
  id: string;
  group_id: string;
  repo_id: string;
  /** Normalized package name, or null for the whole repo. */
  package: string | null;
  permission: Permission;
  created_at: CreatedAt;
}

export interface TokensTable {
  id: string;
  guid: string;
  hash: string;
  display: string;
  /** Anaconda-style tokens are named (unique per user among live tokens). */
  name: string | null;
  style: TokenStyle;
  scopes: Json<string[]>;
  repos: Json<StoredResourceList>;
  sources: Json<StoredResourceList>;
  description: string;
  user_id: string;
  org_id: string | null;
  created_by: string;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: CreatedAt;
  actor: string;
  action: string;
  target: string | null;
  outcome: "ok" | "denied" | "failed";
  address: string | null;
  detail: Json<Record<string, unknown>>;
  /** The access log's id of the request that wrote the row (migration 0007). */
  request_id: string | null;
}

export interface SourcesTable {
  id: string;
  name: string;
  kind: RepoType;
  type: "local" | "remote";
  /** Remote sources: the upstream index URL (http or https). */
  upstream_url: ColumnType<string | null, string | null | undefined, string | null>;
  /** Remote sources: the server environment variable holding the upstream token (the token itself is never stored). */
  upstream_token_env: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

export interface ReposTable {
  id: string;
  name: string;
  type: RepoType;
  description: string;
  authenticated: boolean;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface RepoSourcesTable {
  repo_id: string;
  source_id: string;
  position: number;
}

export interface PackageFilesTable {
  id: string;
  source_id: string;
  filename: string;
  /** Normalized name used for lookups (PEP 503 name, R package, conda name). */
  project: string;
  /** Name as the package spells it. */
  name: string;
  version: string;
  kind: "wheel" | "sdist" | "r-source" | "conda";
  sha256: string;
  md5: string;
  size: number;
  /** conda subdir, or null. */
  subdir: string | null;
  /** Bioconductor release the file was uploaded for, or null. */
  bioc_version: string | null;
  metadata: Json<Record<string, unknown>>;
  uploaded_by: string;
  published_at: Timestamp;
  removed_at: Timestamp | null;
  yanked_reason: string | null;
  /** Mirrored files: where the bytes are fetched from on first download (null for uploads). */
  upstream_url: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface RemoteProjectsTable {
  source_id: string;
  project: string;
  fetched_at: Timestamp;
}

export interface FileLabelsTable {
  file_id: string;
  label: string;
  added_at: Timestamp;
  removed_at: Timestamp | null;
}

export interface PackagesTable {
  source_id: string;
  project: string;
  private: boolean;
  owner_id: string | null;
  updated_at: Timestamp;
}

export interface PackageMetadataTable {
  source_id: string;
  project: string;
  key: string;
  value: string;
  updated_at: Timestamp;
}

/** Key/value notes on a package name (any kind), set with `gatehouse set metadata`. */
export interface PackageNotesTable {
  /** Lowercase, runs of `-`, `_` and `.` folded to one `-`, so every kind's spelling of a name meets. */
  name: string;
  key: string;
  value: string;
  updated_at: Timestamp;
  /** Who set the value, as the audit log names them. */
  updated_by: string;
}

export interface BlocklistRulesTable {
  id: string;
  package: string;
  version_spec: string | null;
  repo_id: string | null;
  reason: string;
  created_by: string;
  created_at: CreatedAt;
  removed_at: Timestamp | null;
}

/** A blob an upload in flight is about to reference (see migration 0006); garbage collection skips it. */
export interface PendingBlobsTable {
  /** One upload's reservation (several digests: the file and its companions). */
  id: string;
  sha256: string;
  /** The process that reserved it (`<host>~<pid>~<instance>`), for an operator reading leftovers. */
  owner: string;
  created_at: Timestamp;
}

export interface ChangesTable {
  id: Generated<number>;
  at: CreatedAt;
  source_id: string | null;
  project: string | null;
  kind: string;
}

export interface SettingsTable {
  key: string;
  value: Json<unknown>;
}

/** The whole database as kysely sees it. */
export interface Database {
  users: UsersTable;
  organizations: OrganizationsTable;
  org_members: OrgMembersTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  group_grants: GroupGrantsTable;
  tokens: TokensTable;
  audit_events: AuditEventsTable;
  sources: SourcesTable;
  repos: ReposTable;
  repo_sources: RepoSourcesTable;
  package_files: PackageFilesTable;
  file_labels: FileLabelsTable;
  packages: PackagesTable;
  package_metadata: PackageMetadataTable;
  package_notes: PackageNotesTable;
  remote_projects: RemoteProjectsTable;
  blocklist_rules: BlocklistRulesTable;
  changes: ChangesTable;
  pending_blobs: PendingBlobsTable;
  settings: SettingsTable;
}

export type TokenRow = Selectable<TokensTable>;
export type NewTokenRow = Insertable<TokensTable>;
export type RepoRow = Selectable<ReposTable>;
export type SourceRow = Selectable<SourcesTable>;
export type PackageFileRow = Selectable<PackageFilesTable>;
export type UserRow = Selectable<UsersTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
