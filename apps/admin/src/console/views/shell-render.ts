import type { WhoAmI } from "../api/types.js";
import { html, type SafeHtml } from "../html/html.js";
import { NAV_ITEMS, type NavName } from "../router.js";

const LOGO = html`<svg class="logo" viewBox="0 0 24 24" aria-hidden="true"><path d="M12 2 3 6v6c0 5 3.8 9.3 9 10 5.2-.7 9-5 9-10V6l-9-4Z" fill="currentColor" opacity=".18"/><path d="M12 2 3 6v6c0 5 3.8 9.3 9 10 5.2-.7 9-5 9-10V6l-9-4Zm0 6a2.5 2.5 0 0 1 1 4.8V16h-2v-3.2A2.5 2.5 0 0 1 12 8Z" fill="currentColor"/></svg>`;

/** The product mark used on the sign-in screen and in the header. */
export function renderBrand(): SafeHtml {
  return html`<span class="brand">${LOGO}<span class="brand-name">Gatehouse</span><span class="brand-sub">Admin console</span></span>`;
}

/**
 * Header ("who am I" + sign out), navigation, and the element views render into.
 * @example renderShell(who, "tokens")
 */
export function renderShell(who: WhoAmI, active: NavName): SafeHtml {
  const scopes = who.token?.scopes.join(" ") ?? who.kind;
  return html`<header class="topbar">
      ${renderBrand()}
      <div class="whoami" title="${scopes}">
        <span class="whoami-user">${who.user ?? who.kind}</span>
        ${who.token ? html`<code class="whoami-token">${who.token.display}</code>` : null}
        <span class="whoami-scopes">${scopes}</span>
        <button type="button" class="btn btn-ghost btn-small" data-action="sign-out">Sign out</button>
      </div>
    </header>
    <nav class="tabs" aria-label="Sections">
      ${NAV_ITEMS.map((item) => html`<a href="${item.hash}" class="tab" ${item.name === active ? html`aria-current="page"` : null}>${item.label}</a>`)}
    </nav>
    <main id="view" class="content"></main>`;
}

/** The sign-in screen; `message` explains why the admin is here (bad token, session ended). */
export function renderSignIn(message: string | null): SafeHtml {
  return html`<main class="signin">
    <form class="card signin-card" novalidate autocomplete="off">
      ${renderBrand()}
      <h1>Sign in</h1>
      <p class="muted">Paste an admin token. The first one comes from <code>gatehouse bootstrap</code> on the server.</p>
      <div class="form-error alert alert-error" role="alert" ${message ? null : html`hidden`}>${message}</div>
      <div class="field" data-fields="token">
        <label for="signin-token">Token</label>
        <input id="signin-token" name="token" type="password" placeholder="gth-…" spellcheck="false" autocomplete="off" required autofocus>
        <p class="field-error" role="alert" hidden></p>
      </div>
      <button type="submit" class="btn btn-primary btn-block">Sign in</button>
      <p class="hint">The token stays in this browser tab (session storage) and is sent only as an Authorization header.</p>
    </form>
  </main>`;
}
