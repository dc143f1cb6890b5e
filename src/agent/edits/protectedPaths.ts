/** Test files: the model may not edit them unless the task asks for test changes. */
const TEST_FILE = [/(^|\/)(test|tests|__tests__|spec)\//, /\.(test|spec)\.[cm]?[jt]sx?$/, /\.twin\.[cm]?[jt]s$/];

/** Files that decide what verification means: editing them could switch checks off. */
const VERIFICATION_CONFIG = [/(^|\/)(vitest|vite|jest)\.config\.[cm]?[jt]s$/, /(^|\/)vitest\.workspace\.[cm]?[jt]s$/, /^tsconfig(\..+)?\.json$/, /^package\.json$/, /^eslint\.config\.[cm]?[jt]s$/];

export const isTestFile = (rel: string): boolean => TEST_FILE.some((pattern) => pattern.test(rel));

export const isVerificationConfig = (rel: string): boolean => VERIFICATION_CONFIG.some((pattern) => pattern.test(rel));

/** Why `rel` is protected, or undefined when the model may edit it. */
export function protectedReason(rel: string, allowTestEdits: boolean): string | undefined {
  if (allowTestEdits) return undefined;
  if (isTestFile(rel)) return `${rel} is a test file: the project's tests are not edited to make a change pass (ask for test changes explicitly to allow it)`;
  if (isVerificationConfig(rel)) return `${rel} configures verification (tests, types, lint): it is not edited unless the task asks for it`;
  return undefined;
}

const ASKS_FOR_TESTS = /\b(add|write|create|update|extend|fix|cover|improve|refactor|rename)\b[^.!?]*\b(tests?|specs?|test cases?|coverage)\b/i;
const DISABLES_TESTS = /\b(disable|skip|remove|delete|comment out|turn off|silence)\b[^.!?]*\b(tests?|specs?|checks?)\b/i;

/** Whether the prompt asks for test changes (and not for switching tests off). */
export const promptAsksForTestChanges = (prompt: string): boolean => ASKS_FOR_TESTS.test(prompt) && !DISABLES_TESTS.test(prompt);

/** Kinds of file an edit may write: the ones the pipeline can verify (code it parses and type-checks, JSON it parses). */
const VERIFIABLE_FILE = /\.(?:[cm]?[jt]s|[jt]sx|json)$/;
/** One portable path segment: letters, digits and `_ - . @ + [ ] ( )`, not starting with a dot or a dash. */
const PORTABLE_SEGMENT = /^[A-Za-z0-9_@+[\]()][A-Za-z0-9_@+.[\]()-]*$/;

/**
 * Why a path the model wrote cannot hold a verifiable change, or undefined when it can: a file the
 * pipeline cannot check would pass every stage unseen, so it is refused rather than trusted.
 */
export function unverifiableReason(rel: string): string | undefined {
  const odd = rel.split('/').find((segment) => !PORTABLE_SEGMENT.test(segment));
  if (odd !== undefined) return `"${odd}" is not a portable file or folder name (letters, digits and _-.@+[]() only, no leading dot or dash)`;
  if (!VERIFIABLE_FILE.test(rel)) return `${rel} is not a file Krepis can verify (TypeScript, JavaScript or JSON)`;
  return undefined;
}
