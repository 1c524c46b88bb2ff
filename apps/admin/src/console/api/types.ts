// Shapes of the JSON API's bodies. Response types are the domain's own (type-only
// imports, erased from the bundle), so the console cannot drift from the server;
// request bodies are written here, as the console builds them.
import type { AuditEvent, CreatedToken, CreateTokenBody, Explanation, ExplainRequest, TokenInfo, WhoAmI } from "@gatehouse/api-contract";
import type { CreateRepoBody, CreateSourceBody, RepoInfo, RepoType, SourceInfo } from "@gatehouse/api-contract";
import type { BlocklistRuleInfo, CreateBlocklistRuleBody, FileInfo as ContractFileInfo, ListMetadataQuery, PackageMetadataEntry, SetMetadataBody } from "@gatehouse/api-contract";
import type { GrantBody, GrantInfo, GroupInfo, MemberInfo, OrgDetail, OrgInfo, PackageAccessBody, PackageAccessInfo, VisiblePackage } from "@gatehouse/api-contract";

export type { BlocklistRuleInfo, PackageMetadataEntry };

/** A package file as the console lists it: the contract's, without the file's own metadata, which no screen shows. */
export type FileInfo = Omit<ContractFileInfo, "metadata">;

export type { GrantInfo, GroupInfo, MemberInfo, OrgDetail, OrgInfo, PackageAccessInfo, VisiblePackage };

export type { RepoInfo, SourceInfo, TokenInfo };

export type { RepoType };

/** A token's repos or sources: every one (`*`) or the named ones. */
export type ResourceList = "*" | string[];

export type { AuditEvent, CreatedToken, Explanation, ExplainRequest, WhoAmI };

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

/** What the console sends to create a rule: the contract's body, with versions and repo left out (never null) for "every version" / "every repo". */
export interface CreateBlocklistRuleRequest extends CreateBlocklistRuleBody {
  versions?: string;
  repo?: string;
}

/** A note to set: the package and key travel in the path, the value in the contract's body. */
export interface SetMetadataRequest extends SetMetadataBody {
  name: string;
  key: string;
}

/** Which notes the metadata listing shows: the contract's query; an empty filter lists every note. */
export type MetadataFilter = ListMetadataQuery;

/** What a group may do on a repo or one package of it. */
export type Permission = GrantInfo["permission"];

/** What the console sends to grant a group access; no package means the whole repo. */
export type GrantRequest = GrantBody;

/** What the console sends to change a package's privacy or owner. */
export type PackageAccessRequest = PackageAccessBody;
