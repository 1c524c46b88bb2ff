import type { ApiClient } from "../api/client.js";
import type { WhoAmI } from "../api/types.js";

/** What every view gets from the app. */
export interface ViewContext {
  api: ApiClient;
  who: WhoAmI;
}

/** Renders a view into a fresh element and wires its events; the element is dropped on navigation. */
export type MountView = (root: HTMLElement, ctx: ViewContext) => void;
