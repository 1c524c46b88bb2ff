import { type ApiClient, createApiClient } from "./api/client.js";
import { fetchWhoAmI } from "./api/endpoints.js";
import type { WhoAmI } from "./api/types.js";
import { onAction, pick, setHtml } from "./dom/elements.js";
import { clearFormErrors, readForm, showFormError, whileSubmitting } from "./dom/forms.js";
import { readField } from "./forms/form-values.js";
import { navItemOf, parseRoute, type Route } from "./router.js";
import type { Session } from "./session.js";
import { mountAuditView } from "./views/audit-view.js";
import { mountBlocklistView } from "./views/blocklist-view.js";
import { mountExplainView } from "./views/explain-view.js";
import { mountMetadataView } from "./views/metadata-view.js";
import { mountOverviewView } from "./views/overview-view.js";
import { mountPackagesView } from "./views/packages-view.js";
import { mountSetupView } from "./setup/setup-view.js";
import { mountOrgView } from "./views/org-view.js";
import { mountOrgsView } from "./views/orgs-view.js";
import { mountReposView } from "./views/repos-view.js";
import { renderShell, renderSignIn } from "./views/shell-render.js";
import { mountSourceFilesView, mountSourcesView } from "./views/sources-view.js";
import { mountTokensView } from "./views/tokens-view.js";
import type { MountView } from "./views/view.js";

/** What the console needs from the browser. */
export interface ConsoleDeps {
  root: HTMLElement;
  session: Session;
  fetch: typeof fetch;
  location: Pick<Location, "hash">;
  onHashChange(listener: () => void): void;
}

const SESSION_ENDED = "Your session ended: the token is no longer accepted (revoked or expired). Sign in again.";

function viewFor(route: Route): MountView {
  switch (route.name) {
    case "overview":
      return mountOverviewView;
    case "tokens":
      return mountTokensView;
    case "repos":
      return mountReposView;
    case "repo-packages":
      return mountPackagesView(route.repo);
    case "repo-setup":
      return mountSetupView(route.repo);
    case "sources":
      return mountSourcesView;
    case "source-files":
      return mountSourceFilesView(route.source);
    case "orgs":
      return mountOrgsView;
    case "org":
      return mountOrgView(route.org);
    case "blocklist":
      return mountBlocklistView;
    case "metadata":
      return mountMetadataView;
    case "audit":
      return mountAuditView;
    case "explain":
      return mountExplainView;
  }
}

/**
 * Starts the console: the sign-in screen, or the signed-in shell when the tab already holds a token.
 * @example startConsole({ root, session: createSession(sessionStorage), fetch: fetch.bind(window), location, onHashChange })
 */
export function startConsole(deps: ConsoleDeps): void {
  const { root, session } = deps;
  let who: WhoAmI | null = null;
  const api: ApiClient = createApiClient({
    fetch: deps.fetch,
    getToken: () => session.token(),
    onUnauthenticated: () => {
      if (who === null) return;
      session.signOut();
      who = null;
      showSignIn(SESSION_ENDED);
    },
  });

  function showSignIn(message: string | null): void {
    document.title = "Sign in · Gatehouse";
    setHtml(root, renderSignIn(message));
    const form = pick(root, "form", HTMLFormElement);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      clearFormErrors(form);
      const token = readField(readForm(form), "token");
      pick(form, "input[name=token]", HTMLInputElement).value = "";
      if (token === "") return showFormError(form, { status: 0, code: "INVALID_INPUT", message: "Paste a token first.", field: "token" });
      const probe = createApiClient({ fetch: deps.fetch, getToken: () => token });
      const result = await whileSubmitting(form, () => fetchWhoAmI(probe));
      if (!result.ok) {
        const message = result.error.status === 401 ? "This token was not accepted: it is unknown, malformed, expired or revoked." : result.error.message;
        return showFormError(form, { ...result.error, message, field: "token" });
      }
      if (result.value.kind !== "token") return showFormError(form, { status: 0, code: "UNAUTHENTICATED", message: "The server did not recognise a token.", field: "token" });
      session.signIn(token);
      who = result.value;
      showRoute();
    });
  }

  function showRoute(): void {
    if (who === null) return;
    const route = parseRoute(deps.location.hash);
    setHtml(root, renderShell(who, navItemOf(route)));
    onAction(root, "sign-out", () => {
      session.signOut();
      who = null;
      showSignIn(null);
    });
    const title = pick(root, `.tab[aria-current="page"]`, HTMLAnchorElement).textContent ?? "";
    document.title = `${title} · Gatehouse`;
    viewFor(route)(pick(root, "#view", HTMLElement), { api, who });
  }

  deps.onHashChange(showRoute);

  async function resume(): Promise<void> {
    if (session.token() === null) return showSignIn(null);
    const result = await fetchWhoAmI(api);
    if (!result.ok || result.value.kind !== "token") {
      session.signOut();
      return showSignIn(result.ok || result.error.status === 401 ? SESSION_ENDED : result.error.message);
    }
    who = result.value;
    showRoute();
  }
  void resume();
}
