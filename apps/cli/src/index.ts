import Bootstrap from "./commands/bootstrap.js";
import CreateToken from "./commands/create/token.js";
import Explain from "./commands/explain.js";
import ListTokens from "./commands/list/tokens.js";
import RevokeToken from "./commands/revoke/token.js";
import Serve from "./commands/serve.js";

/** Every command, by id (topics separated by ':'; typed with spaces on the command line). */
export const COMMANDS = {
  serve: Serve,
  bootstrap: Bootstrap,
  "create:token": CreateToken,
  "list:tokens": ListTokens,
  "revoke:token": RevokeToken,
  explain: Explain,
};
