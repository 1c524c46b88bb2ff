import type { CreateRepoRequest, CreateSourceRequest, ExplainRequest } from "../api/types.js";
import { type FormValues, readField } from "./form-values.js";

/**
 * Maps the "new repo" form; `authenticated` is left out when the admin keeps the server's default.
 * @example toCreateRepoRequest({ name: ["pypi"], type: ["python"], authenticated: ["true"] })
 */
export function toCreateRepoRequest(values: FormValues): CreateRepoRequest {
  const description = readField(values, "description");
  const authenticated = readField(values, "authenticated");
  return {
    name: readField(values, "name"),
    type: readField(values, "type"),
    ...(description !== "" ? { description } : {}),
    ...(authenticated === "true" || authenticated === "false" ? { authenticated: authenticated === "true" } : {}),
  };
}

/**
 * Maps the "new source" form.
 * @example toCreateSourceRequest({ name: ["py-local"], kind: ["python"] }) // { name: "py-local", kind: "python" }
 */
export function toCreateSourceRequest(values: FormValues): CreateSourceRequest {
  const upstream = readField(values, "upstream");
  return { name: readField(values, "name"), kind: readField(values, "kind"), ...(upstream === "" ? {} : { upstream }) };
}

/**
 * Maps the explain form: a `gth-` value is a token, anything else a guid, nothing the caller's own token.
 * @example toExplainRequest({ subject: ["tok_1"], action: ["repo:read"], resource: ["repo:pypi"] })
 * // { guid: "tok_1", action: "repo:read", resource: "repo:pypi" }
 */
export function toExplainRequest(values: FormValues): ExplainRequest {
  const subject = readField(values, "subject");
  const base = { action: readField(values, "action"), resource: readField(values, "resource") };
  if (subject === "") return base;
  return subject.startsWith("gth-") ? { token: subject, ...base } : { guid: subject, ...base };
}
