import { existsSync } from 'node:fs';
import path from 'node:path';
import { Project, ts, type Node, type SourceFile } from 'ts-morph';

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
const DEFAULTS: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, strict: true, ...FORCED };

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
        ? new Project({ tsConfigFilePath: tsconfig, compilerOptions: FORCED, skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true })
        : undefined;
    } catch {
      // An unreadable tsconfig.json: the defaults still resolve most calls.
      this.project = undefined;
    }
    this.project ??= new Project({ compilerOptions: DEFAULTS, skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true });
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
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
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
  ts.isClassDeclaration(node) || ts.isInterfaceDeclaration(node) || ts.isModuleDeclaration(node);

/** Nodes between a top-level declaration and its file that add nothing to its name. */
const isTransparent = (node: ts.Node): boolean => ts.isModuleBlock(node) || ts.isVariableDeclarationList(node) || ts.isVariableStatement(node);

/** Expressions an object literal passes through on its way to a variable (the declaration pass's `objectsOf`). */
const isObjectWrapper = (node: ts.Node): boolean =>
  ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isCallExpression(node) || ts.isReturnStatement(node);

const isFunctionValue = (node: ts.Node | undefined): boolean => node !== undefined && (ts.isArrowFunction(node) || ts.isFunctionExpression(node));

/**
 * The variable declaration an object literal's methods are named after (`orders.create`), with
 * the keys of the objects nested in between; `undefined` when the literal is not one the
 * declaration pass indexes (an argument of a call in a function, a property's value in an array…).
 */
function objectOwner(object: ts.ObjectLiteralExpression, parts: string[]): ts.VariableDeclaration | undefined {
  let node: ts.Node = object;
  for (;;) {
    const parent = node.parent;
    if (ts.isVariableDeclaration(parent) && parent.initializer === node) {
      return ts.isIdentifier(parent.name) ? (parts.unshift(parent.name.text), parent) : undefined;
    }
    if (ts.isPropertyAssignment(parent) && parent.initializer === node && ts.isObjectLiteralExpression(node) && ts.isIdentifier(parent.name)) {
      parts.unshift(parent.name.text);
      node = parent.parent;
    } else if (ts.isBlock(parent) && ts.isReturnStatement(node) && isFunctionValue(parent.parent)) node = parent.parent;
    else if (isObjectWrapper(parent) && (!ts.isCallExpression(parent) || parent.arguments.includes(node as ts.Expression))) node = parent;
    else return undefined;
  }
}

/** `Class.method`, `ns.fn`, `fn`, `service.method`; `undefined` for anything nested in a function or an expression (not indexed). */
function qualifiedName(declaration: ts.Declaration): string | undefined {
  const own = ts.getNameOfDeclaration(declaration);
  if (!own) return undefined;
  const parts = [own.getText()];
  let parent = declaration.parent;
  if (ts.isObjectLiteralExpression(parent)) {
    const method = ts.isMethodDeclaration(declaration) || (ts.isPropertyAssignment(declaration) && isFunctionValue(declaration.initializer));
    const owner = method && ts.isIdentifier(own) ? objectOwner(parent, parts) : undefined;
    if (!owner) return undefined;
    parent = owner.parent;
  }
  for (; !ts.isSourceFile(parent); parent = parent.parent) {
    if (isNamedContainer(parent)) {
      if (!parent.name) return undefined;
      parts.unshift(parent.name.getText());
    } else if (!isTransparent(parent)) return undefined;
  }
  return parts.join('.');
}
