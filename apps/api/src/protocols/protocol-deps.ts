import type { AppDeps } from "../app-env.js";
import type { IndexCache } from "./index-cache.js";

/** What every protocol handler is built with: the app's deps plus the rendered-page cache. */
export interface ProtocolDeps extends AppDeps {
  /** Rendered index pages; keys must include the reader's `viewerKey` for pages that list packages. */
  cache: IndexCache;
}
