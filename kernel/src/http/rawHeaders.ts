/**
 * The first value of header `name` (lower-case) in Node's flat `rawHeaders` list. Reading
 * `request.headers` makes Node build the whole headers object; the hot path asks for two or
 * three headers, so it scans the list instead.
 */
export function rawHeader(rawHeaders: readonly string[], name: string): string | undefined {
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const key = rawHeaders[i]!;
    if (key.length === name.length && (key === name || key.toLowerCase() === name)) return rawHeaders[i + 1];
  }
  return undefined;
}
