import { existsSync } from 'node:fs';
import path from 'node:path';
import { ts } from 'ts-morph';

export interface CompilerConfig {
  options: ts.CompilerOptions;
  fileNames: string[];
  /** The tsconfig used, or undefined when Krepis fell back to its defaults. */
  tsconfig: string | undefined;
  /** Problems reading the tsconfig (reported, not thrown). */
  errors: string[];
}

/** Strict NodeNext settings for a project without tsconfig.json. */
const FALLBACK_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  esModuleInterop: true,
  allowJs: false,
};

const flatten = (diagnostic: ts.Diagnostic): string => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');

/** Reads the project's tsconfig.json, or falls back to strict defaults over every .ts file (and says so). */
export function loadCompilerConfig(root: string): CompilerConfig {
  const tsconfig = path.join(root, 'tsconfig.json');
  if (!existsSync(tsconfig)) {
    const fileNames = ts.sys.readDirectory(root, ['.ts', '.tsx', '.mts', '.cts'], ['node_modules', 'dist', '.krepis', '.git'], ['**/*']);
    return { options: FALLBACK_OPTIONS, fileNames, tsconfig: undefined, errors: [] };
  }
  const errors: string[] = [];
  const host: ts.ParseConfigFileHost = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (diagnostic) => errors.push(flatten(diagnostic)) };
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, { noEmit: true }, host);
  if (!parsed) return { options: FALLBACK_OPTIONS, fileNames: [], tsconfig, errors };
  errors.push(...parsed.errors.filter((error) => error.code !== 18003).map(flatten));
  return { options: { ...parsed.options, noEmit: true }, fileNames: parsed.fileNames, tsconfig, errors };
}
