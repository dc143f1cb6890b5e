import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as TsMorph from 'ts-morph';
import type { Node, Project, SourceFile, ts } from 'ts-morph';

/** ts-morph by `require`: an ESM import would make Node scan it for named exports (~150 ms). `TypeFacts` loads this module on first use. */
const morph = createRequire(import.meta.url)('ts-morph') as typeof TsMorph;
const typescript = morph.ts;

/** One member-call site: the symbol it is in (`null`: module level), the called name, and the name's offset. */
export interface TypeSite {
  from: string | null;
  name: string;
  at: number;
}

/** Where a site's called member is declared: a project symbol id, outside the project, or nowhere known. */
export type SiteTarget = { kind: 'symbol'; ids: string[] } | { kind: 'external' } | { kind: 'unresolved' };

/** Options the type pass needs whatever the project's tsconfig says. */
const FORCED: ts.CompilerOptions = { noEmit: true, skipLibCheck: true, allowJs: true };
const DEFAULTS: ts.CompilerOptions = { target: typescript.ScriptTarget.ES2022, module: typescript.ModuleKind.NodeNext, moduleResolution: typescript.ModuleResolutionKind.NodeNext, strict: true, ...FORCED };

let projectsCreated = 0;

/** How many ts-morph projects this process has created (a cold index creates none). */
export const typeProjectsCreated = (): number => projectsCreated;

/**
 * Resolves member-call sites with TypeScript's checker, through one ts-morph project per project
 * root, created on first use. Only the files being resolved are added (from the text that was
 * indexed); the checker loads what they import on its own. Declarations are mapped back to
 * Tri-Store symbol ids (`<path>#<Qualified.Name>`).
 */
export class TypeResolver {
  private project: Project | undefined;

  constructor(private readonly root: string) {}

  private open(): Project {
    if (this.project) return this.project;
    const tsconfig = path.join(this.root, 'tsconfig.json');
    try {
      this.project = existsSync(tsconfig)
        ? new morph.Project({ tsConfigFilePath: tsconfig, compilerOptions: FORCED, skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true })
        : undefined;
    } catch {
      // An unreadable tsconfig.json: the defaults still resolve most calls.
      this.project = undefined;
    }
    this.project ??= new morph.Project({ compilerOptions: DEFAULTS, skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true });
    projectsCreated++;
    return this.project;
  }

  /**
   * Resolves every site of `files` (project-relative paths with the text that was indexed).
   * `known` says whether a symbol id is in the index; declarations it does not hold are dropped.
   */
  resolve(files: readonly { path: string; text: string; sites: readonly TypeSite[] }[], known: (id: string) => boolean): SiteTarget[][] {
    const project = this.open();
    const sources = files.map((file) => project.createSourceFile(path.join(this.root, file.path), file.text, { overwrite: true }));
    const checker = project.getTypeChecker().compilerObject;
    return files.map((file, index) => file.sites.map((site) => this.target(sources[index] as SourceFile, site, checker, known)));
  }

  private target(source: SourceFile, site: TypeSite, checker: ts.TypeChecker, known: (id: string) => boolean): SiteTarget {
    const node: Node | undefined = source.getDescendantAtPos(site.at);
    if (!node || node.getText() !== site.name) return { kind: 'unresolved' };
    let symbol = checker.getSymbolAtLocation(node.compilerNode);
    if (symbol && symbol.flags & typescript.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    const declarations = symbol?.declarations ?? [];
    if (declarations.length === 0) return { kind: 'unresolved' };
    const ids = new Set<string>();
    let outside = false;
    for (const declaration of declarations) {
      const id = this.symbolId(declaration);
      if (id === undefined) outside = true;
      else if (id !== null && known(id)) ids.add(id);
    }
    if (ids.size > 0) return { kind: 'symbol', ids: [...ids] };
    return outside ? { kind: 'external' } : { kind: 'unresolved' };
  }

  /** `<path>#<Qualified.Name>` of a declaration; `undefined` outside the project (lib, node_modules), `null` for one the index does not name. */
  private symbolId(declaration: ts.Declaration): string | null | undefined {
    const file = path.relative(this.root, declaration.getSourceFile().fileName).split(path.sep).join('/');
    if (file.startsWith('../') || path.isAbsolute(file) || file.split('/').includes('node_modules')) return undefined;
    const name = qualifiedName(declaration);
    return name === undefined ? null : `${file}#${name}`;
  }

  /** Drops the project (after the index changed, so that imported files are read afresh). */
  forget(): void {
    this.project = undefined;
  }
}

/** Containers whose names prefix a member's qualified name, as the declaration pass names symbols. */
const isNamedContainer = (node: ts.Node): node is ts.ClassDeclaration | ts.InterfaceDeclaration | ts.ModuleDeclaration =>
  typescript.isClassDeclaration(node) || typescript.isInterfaceDeclaration(node) || typescript.isModuleDeclaration(node);

/** Nodes between a top-level declaration and its file that add nothing to its name. */
const isTransparent = (node: ts.Node): boolean => typescript.isModuleBlock(node) || typescript.isVariableDeclarationList(node) || typescript.isVariableStatement(node);

/** Expressions an object literal passes through on its way to a variable (the declaration pass's `objectsOf`). */
const isObjectWrapper = (node: ts.Node): boolean =>
  typescript.isParenthesizedExpression(node) || typescript.isAsExpression(node) || typescript.isSatisfiesExpression(node) || typescript.isArrowFunction(node) || typescript.isFunctionExpression(node) || typescript.isCallExpression(node) || typescript.isReturnStatement(node);

const isFunctionValue = (node: ts.Node | undefined): boolean => node !== undefined && (typescript.isArrowFunction(node) || typescript.isFunctionExpression(node));

/**
 * The variable declaration an object literal's methods are named after (`orders.create`), with
 * the keys of the objects nested in between; `undefined` when the literal is not one the
 * declaration pass indexes (an argument of a call in a function, a property's value in an array…).
 */
function objectOwner(object: ts.ObjectLiteralExpression, parts: string[]): ts.VariableDeclaration | undefined {
  let node: ts.Node = object;
  for (;;) {
    const parent = node.parent;
    if (typescript.isVariableDeclaration(parent) && parent.initializer === node) {
      return typescript.isIdentifier(parent.name) ? (parts.unshift(parent.name.text), parent) : undefined;
    }
    if (typescript.isPropertyAssignment(parent) && parent.initializer === node && typescript.isObjectLiteralExpression(node) && typescript.isIdentifier(parent.name)) {
      parts.unshift(parent.name.text);
      node = parent.parent;
    } else if (typescript.isBlock(parent) && typescript.isReturnStatement(node) && isFunctionValue(parent.parent)) node = parent.parent;
    else if (isObjectWrapper(parent) && (!typescript.isCallExpression(parent) || parent.arguments.includes(node as ts.Expression))) node = parent;
    else return undefined;
  }
}

/** `Class.method`, `ns.fn`, `fn`, `service.method`; `undefined` for anything nested in a function or an expression (not indexed). */
function qualifiedName(declaration: ts.Declaration): string | undefined {
  const own = typescript.getNameOfDeclaration(declaration);
  if (!own) return undefined;
  const parts = [own.getText()];
  let parent = declaration.parent;
  if (typescript.isObjectLiteralExpression(parent)) {
    const method = typescript.isMethodDeclaration(declaration) || (typescript.isPropertyAssignment(declaration) && isFunctionValue(declaration.initializer));
    const owner = method && typescript.isIdentifier(own) ? objectOwner(parent, parts) : undefined;
    if (!owner) return undefined;
    parent = owner.parent;
  }
  for (; !typescript.isSourceFile(parent); parent = parent.parent) {
    if (isNamedContainer(parent)) {
      if (!parent.name) return undefined;
      parts.unshift(parent.name.getText());
    } else if (!isTransparent(parent)) return undefined;
  }
  return parts.join('.');
}
