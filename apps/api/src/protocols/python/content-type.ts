/**
 * The media type of a Python distribution file. Tarballs are labelled as
 * gzip data, never with `Content-Encoding: gzip`, so clients keep the bytes
 * (and their sha256) as stored.
 *
 * @example
 * contentTypeOfPythonFile("foo-1.0.tar.gz") // "application/gzip"
 */
export function contentTypeOfPythonFile(filename: string): string {
  if (filename.endsWith(".tar.gz") || filename.endsWith(".tgz")) return "application/gzip";
  if (filename.endsWith(".whl") || filename.endsWith(".zip")) return "application/zip";
  if (filename.endsWith(".tar.bz2")) return "application/x-bzip2";
  return "application/octet-stream";
}
