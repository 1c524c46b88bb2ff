import Add from "./commands/add.js";
import Bootstrap from "./commands/bootstrap.js";
import ClientConfig from "./commands/client-config.js";
import CreateRepo from "./commands/create/repo.js";
import CreateSource from "./commands/create/source.js";
import CreateToken from "./commands/create/token.js";
import EditRepo from "./commands/edit/repo.js";
import Explain from "./commands/explain.js";
import ListRepos from "./commands/list/repos.js";
import ListTokens from "./commands/list/tokens.js";
import Remove from "./commands/remove.js";
import RevokeToken from "./commands/revoke/token.js";
import Serve from "./commands/serve.js";
import Subscribe from "./commands/subscribe.js";

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
  add: Add,
  remove: Remove,
  "client-config": ClientConfig,
};
