import Add from "./commands/add.js";
import AddMember from "./commands/add/member.js";
import Auth from "./commands/auth.js";
import CreateBlocklistRule from "./commands/create/blocklist-rule.js";
import DeleteBlocklistRule from "./commands/delete/blocklist-rule.js";
import ListBlocklistRules from "./commands/list/blocklist-rules.js";
import ListMetadata from "./commands/list/metadata.js";
import SetMetadata from "./commands/set/metadata.js";
import CreateGroup from "./commands/create/group.js";
import CreateOrg from "./commands/create/org.js";
import DeleteGrant from "./commands/delete/grant.js";
import DeleteGroup from "./commands/delete/group.js";
import DeleteMember from "./commands/delete/member.js";
import DeleteOrg from "./commands/delete/org.js";
import Grant from "./commands/grant.js";
import ListGroups from "./commands/list/groups.js";
import ListMembers from "./commands/list/members.js";
import ListOrgs from "./commands/list/orgs.js";
import ListPackageAccess from "./commands/list/package-access.js";
import SetPackageAccess from "./commands/set/package-access.js";
import Bootstrap from "./commands/bootstrap.js";
import ClientConfig from "./commands/client-config.js";
import CreateRepo from "./commands/create/repo.js";
import CreateSource from "./commands/create/source.js";
import CreateToken from "./commands/create/token.js";
import EditRepo from "./commands/edit/repo.js";
import Explain from "./commands/explain.js";
import Gc from "./commands/gc.js";
import LabelMove from "./commands/label/move.js";
import LabelRemove from "./commands/label/remove.js";
import ListRepos from "./commands/list/repos.js";
import ListTokens from "./commands/list/tokens.js";
import Remove from "./commands/remove.js";
import RevokeToken from "./commands/revoke/token.js";
import Serve from "./commands/serve.js";
import Subscribe from "./commands/subscribe.js";
import Sync from "./commands/sync.js";
import Audit from "./commands/audit.js";
import DeleteRepo from "./commands/delete/repo.js";
import DeleteSource from "./commands/delete/source.js";
import Info from "./commands/info.js";
import LabelCopy from "./commands/label/copy.js";
import LabelList from "./commands/label/list.js";
import ListSources from "./commands/list/sources.js";
import Unsubscribe from "./commands/unsubscribe.js";
import WhoAmI from "./commands/whoami.js";
import Yank from "./commands/yank.js";

/** Every command, by id (topics separated by ':'; typed with spaces on the command line). */
export const COMMANDS = {
  serve: Serve,
  bootstrap: Bootstrap,
  "create:token": CreateToken,
  "list:tokens": ListTokens,
  "revoke:token": RevokeToken,
  explain: Explain,
  "create:repo": CreateRepo,
  "edit:repo": EditRepo,
  "list:repos": ListRepos,
  "create:source": CreateSource,
  subscribe: Subscribe,
  sync: Sync,
  add: Add,
  remove: Remove,
  auth: Auth,
  "create:org": CreateOrg,
  "create:group": CreateGroup,
  "list:orgs": ListOrgs,
  "list:groups": ListGroups,
  "list:members": ListMembers,
  "list:package-access": ListPackageAccess,
  "add:member": AddMember,
  "delete:member": DeleteMember,
  "delete:org": DeleteOrg,
  "delete:group": DeleteGroup,
  grant: Grant,
  "delete:grant": DeleteGrant,
  "set:package-access": SetPackageAccess,
  "client-config": ClientConfig,
  "label:move": LabelMove,
  "label:remove": LabelRemove,
  "create:blocklist-rule": CreateBlocklistRule,
  "list:blocklist-rules": ListBlocklistRules,
  "delete:blocklist-rule": DeleteBlocklistRule,
  "set:metadata": SetMetadata,
  "list:metadata": ListMetadata,
  "list:sources": ListSources,
  unsubscribe: Unsubscribe,
  "delete:repo": DeleteRepo,
  "delete:source": DeleteSource,
  info: Info,
  audit: Audit,
  whoami: WhoAmI,
  gc: Gc,
  yank: Yank,
  "label:list": LabelList,
  "label:copy": LabelCopy,
};
