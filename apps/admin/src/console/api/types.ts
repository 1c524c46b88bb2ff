// Shapes of the JSON API's bodies. Response types are the domain's own (type-only
// imports, erased from the bundle), so the console cannot drift from the server;
// request bodies are written here, as the console builds them.
import type {
  AuditEvent,
  BlocklistRuleInfo,
  PackageFileInfo,
  PackageMetadataEntry,
} from "@gatehouse/domain";
import type { CreatedToken, CreateTokenBody, TokenInfo } from "@gatehouse/api-contract";
import type { CreateRepoBody, CreateSourceBody, RepoInfo, RepoType, SourceInfo } from "@gatehouse/api-contract";
import type { GrantBody, GrantInfo, GroupInfo, MemberInfo, OrgDetail, OrgInfo, PackageAccessBody, PackageAccessInfo, VisiblePackage } from "@gatehouse/api-contract";

export type { GrantInfo, GroupInfo, MemberInfo, OrgDetail, OrgInfo, PackageAccessInfo, VisiblePackage };

export type { AuditEvent, BlocklistRuleInfo, PackageMetadataEntry, RepoInfo, SourceInfo, TokenInfo };

/** A published package file, as the console lists it. */
export type FileInfo = Omit<PackageFileInfo, "metadata">;

export type { RepoType };

/** A token's repos or sources: every one (`*`) or the named ones. */
export type ResourceList = "*" | string[];

export type { CreatedToken };

/** What the console sends to create a token: a narrower form of the contract's body (lists, never strings). */
export interface CreateTokenRequest extends CreateTokenBody {
  scopes: string[];
  repos?: ResourceList;
  sources?: ResourceList;
}

/** Which tokens `GET /__api__/tokens` lists besides active ones. */
export interface TokenFilters {
  expired: boolean;
  revoked: boolean;
}

/** What the console sends to create a repo: the contract's body. */
export type CreateRepoRequest = CreateRepoBody;

/** What the console sends to create a source (no upstream: a local one): the contract's body. */
export type CreateSourceRequest = CreateSourceBody;

/** Body of `POST /__api__/authorize/explain`: a token by plaintext or guid (neither: the caller's own). */
export interface ExplainRequest {
  token?: string;
  guid?: string;
  action: string;
  resource: string;
}

/** An authorization decision and why. */
export interface Explanation {
  allowed: boolean;
  action: string;
  grantedBy: string | null;
  explanation: string;
  subject: { display: string; user: string; scopes: string[] } | { kind: string };
}

/** Who the presented credentials are. */
export interface WhoAmI {
  authenticated: boolean;
  kind: "token" | "local" | "anonymous";
  user: string | null;
  token: { guid: string; display: string; scopes: string[] } | null;
}

/** Body of `POST /__api__/blocklist-rules`: versions and repo are left out for "every version" / "every repo". */
export interface CreateBlocklistRuleRequest {
  name: string;
  versions?: string;
  repo?: string;
  reason: string;
}

/** A note to set: `PUT /__api__/metadata/:name/:key` with `{ value }`. */
export interface SetMetadataRequest {
  name: string;
  key: string;
  value: string;
}

/** Which notes `GET /__api__/metadata` lists; an empty filter lists every note. */
export interface MetadataFilter {
  name?: string;
}

/** What a group may do on a repo or one package of it. */
export type Permission = GrantInfo["permission"];

/** What the console sends to grant a group access; no package means the whole repo. */
export type GrantRequest = GrantBody;

/** What the console sends to change a package's privacy or owner. */
export type PackageAccessRequest = PackageAccessBody;
