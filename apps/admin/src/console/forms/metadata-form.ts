import type { MetadataFilter, SetMetadataRequest } from "../api/types.js";
import { formatCliCommand } from "../html/cli-command.js";
import { type FormValues, readField } from "./form-values.js";

/**
 * Maps the "set note" form. Name and key are trimmed (they go into the URL); the value is kept as typed,
 * since leading spaces or newlines may be part of the note.
 *
 * @example toSetMetadataRequest({ name: [" requests"], key: ["owner "], value: ["platform team"] })
 * // { name: "requests", key: "owner", value: "platform team" }
 */
export function toSetMetadataRequest(values: FormValues): SetMetadataRequest {
  return { name: readField(values, "name"), key: readField(values, "key"), value: values.value?.[0] ?? "" };
}

/**
 * Maps the filter toolbar; an empty name lists every note.
 * @example toMetadataFilter({ name: [" requests "] }) // { name: "requests" }
 */
export function toMetadataFilter(values: FormValues): MetadataFilter {
  const name = readField(values, "name");
  return name === "" ? {} : { name };
}

/**
 * The CLI command that sets the same note.
 * @example setMetadataCommand({ name: "requests", key: "owner", value: "platform team" })
 * // 'gatehouse set metadata --name requests --key owner --value "platform team"'
 */
export function setMetadataCommand(request: SetMetadataRequest): string {
  return formatCliCommand(
    ["set", "metadata"],
    [
      { flag: "name", value: request.name, placeholder: "PACKAGE" },
      { flag: "key", value: request.key, placeholder: "KEY" },
      { flag: "value", value: request.value, placeholder: "VALUE" },
    ],
  );
}

/**
 * The CLI command that removes a note: the CLI's `set metadata` with an empty value.
 * @example removeMetadataCommand("requests", "owner") // 'gatehouse set metadata --name requests --key owner --value ""'
 */
export function removeMetadataCommand(name: string, key: string): string {
  return formatCliCommand(
    ["set", "metadata"],
    [
      { flag: "name", value: name },
      { flag: "key", value: key },
      { flag: "value", value: "" },
    ],
  );
}

/**
 * The CLI command that lists the same notes.
 * @example listMetadataCommand({ name: "requests" }) // "gatehouse list metadata --name requests"
 */
export function listMetadataCommand(filter: MetadataFilter): string {
  return formatCliCommand(["list", "metadata"], [{ flag: "name", value: filter.name }]);
}
