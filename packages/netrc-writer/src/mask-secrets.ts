const GATEHOUSE_TOKEN = /gth-[A-Za-z0-9]{46}/g;
const URL_TOKEN = /\/t\/([^/\s"']+)\//g;
const NETRC_PASSWORD = /(\bpassword\s+)("[^"\n]*"|\S+)/g;

/**
 * Shows a secret safely: a Gatehouse token as `gth-XXXX…YYYY`, anything else as `****`.
 * @example
 * maskSecret("gth-AbCd…(50 chars)…WxYz"); // "gth-AbCd…WxYz"
 */
export function maskSecret(secret: string): string {
  if (/^gth-[A-Za-z0-9]{46}$/.test(secret)) return `gth-${secret.slice(4, 8)}…${secret.slice(-4)}`;
  return "****";
}

/**
 * Masks every secret in a file's text: Gatehouse tokens, `/t/<token>/` URL segments (a `${VAR}` reference is kept)
 * and, for netrc files, every `password` value.
 */
export function maskSecretsInText(text: string, isNetrc: boolean): string {
  let out = text.replace(URL_TOKEN, (whole, secret: string) => (secret.startsWith("${") ? whole : `/t/${maskSecret(secret)}/`));
  if (isNetrc) out = out.replace(NETRC_PASSWORD, (_, key: string, secret: string) => key + maskSecret(secret));
  return out.replace(GATEHOUSE_TOKEN, (token) => maskSecret(token));
}
