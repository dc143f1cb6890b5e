/** JSON ⇄ bytes for catalogue apps. */
export const enc = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));
export const dec = <T = number>(bytes: Uint8Array | undefined): T => JSON.parse(new TextDecoder().decode(bytes)) as T;
