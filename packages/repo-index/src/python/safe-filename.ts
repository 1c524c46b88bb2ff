const MAX_FILENAME_LENGTH = 255;

/**
 * Explains why an uploaded filename cannot be used as a bare file name, or returns undefined when it can.
 * Refuses path separators, `..`, whitespace and control characters, so a filename can never name a path.
 */
export function checkSafeFilename(filename: string): string | undefined {
  if (filename.length === 0) return "the filename is empty";
  if (filename.length > MAX_FILENAME_LENGTH) return `the filename is longer than ${MAX_FILENAME_LENGTH} characters`;
  if (/[/\\]/.test(filename)) return "the filename must not contain path separators";
  if (filename.includes("..")) return 'the filename must not contain ".."';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\s\u0000-\u001f\u007f]/.test(filename)) return "the filename must not contain whitespace or control characters";
  return undefined;
}
