import { ApiError } from "./api-error.js";

/**
 * What a multipart upload form may carry besides the file: twine's text fields
 * (a long description is the biggest) and the part headers. A form whose file
 * is exactly at the limit must still be accepted.
 */
export const FORM_OVERHEAD_BYTES = 8 * 1024 * 1024;

/**
 * The largest body a request may carry: the upload limit, plus the form's own
 * fields for multipart.
 *
 * @example
 * bodyLimitOf(1000, "multipart/form-data; boundary=x") // 1000 + FORM_OVERHEAD_BYTES
 */
export function bodyLimitOf(maxUploadBytes: number, contentType: string | undefined): number {
  return /^multipart\//i.test(contentType ?? "") ? maxUploadBytes + FORM_OVERHEAD_BYTES : maxUploadBytes;
}

/**
 * The refusal of a body over the limit (413 TOO_LARGE), naming the limit and
 * its setting. It asks to close the connection: the rest of the body is never read.
 *
 * @example
 * throw tooLargeError(deps.domain.settings.maxUploadBytes, 10 ** 12);
 */
export function tooLargeError(maxUploadBytes: number, declared?: number): ApiError {
  const what = declared === undefined ? "the request body is larger than" : `the declared Content-Length ${declared} exceeds`;
  return new ApiError("TOO_LARGE", `${what} the upload limit of ${maxUploadBytes} bytes (setting GATEHOUSE_MAX_UPLOAD_BYTES)`, { Connection: "close" });
}
