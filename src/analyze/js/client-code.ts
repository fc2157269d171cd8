/**
 * Is a JS/TS file browser code? A cheap, file-level judgement from directives, imports,
 * browser globals, the file type and the path. Server markers (a server framework import,
 * `'use server'`, `next/headers`) win over client markers.
 */
import ts from './typescript.cjs';
import { extname } from 'node:path';

const SERVER_MODULES = /^(express|fastify|koa|@koa\/|@nestjs\/|@hapi\/hapi|hapi$|restify|next\/headers|next\/server|server-only|h3$|hono|@hono\/|http$|node:http$|https$|node:https$|firebase-admin|firebase-functions|aws-lambda)/;
const CLIENT_MODULES = /^(react$|react-dom|react-native|@react-native|@react-navigation|expo|vue$|svelte$|@angular\/|preact|solid-js|next\/router|next\/navigation$|@tanstack\/react|react-redux|@reduxjs\/toolkit|pinia|vuex|axios-auth-refresh|react-router|vue-router|@vueuse\/|js-cookie$|universal-cookie$|react-cookie$|ngx-cookie-service$|zustand)/;
const BROWSER_GLOBALS = /\b(?:localStorage|sessionStorage)\b|\bwindow\.|\bdocument\.(?:cookie|getElementById|querySelector|location|body|createElement|addEventListener)|\bnavigator\./;
const CLIENT_EXTENSIONS = new Set(['.jsx', '.tsx', '.vue', '.svelte', '.html', '.htm']);
const CLIENT_DIRECTORIES = /(^|\/)(client|frontend|front-end|browser|web-client|components|hooks|composables|screens|redux|slices|stores?)\//i;

/** Judgements per parsed file (and path): rules ask once per finding, the text is scanned once. */
const clientSideCache = new WeakMap<ts.SourceFile, Map<string, boolean>>();
const modulesCache = new WeakMap<ts.SourceFile, string[]>();

export function isClientSideFile(sourceFile: ts.SourceFile, relPath: string): boolean {
  let byPath = clientSideCache.get(sourceFile);
  if (!byPath) clientSideCache.set(sourceFile, byPath = new Map());
  let verdict = byPath.get(relPath);
  if (verdict === undefined) byPath.set(relPath, verdict = judgeClientSide(sourceFile, relPath));
  return verdict;
}

function judgeClientSide(sourceFile: ts.SourceFile, relPath: string): boolean {
  const directives = leadingDirectives(sourceFile);
  if (directives.includes('use server')) return false;
  const modules = importedModules(sourceFile);
  if (modules.some((module) => SERVER_MODULES.test(module))) return false;
  if (directives.includes('use client')) return true;
  if (isFrameworkServerPath(relPath)) return false;
  if (modules.some((module) => CLIENT_MODULES.test(module))) return true;
  if (CLIENT_EXTENSIONS.has(extname(relPath).toLowerCase())) return true;
  if (CLIENT_DIRECTORIES.test(relPath.split('\\').join('/'))) return true;
  return BROWSER_GLOBALS.test(sourceFile.text);
}

/** The file imports a server framework or a server-only module (`next/server`, `express`, `server-only`...). */
export function importsServerModule(sourceFile: ts.SourceFile): boolean {
  return importedModules(sourceFile).some((module) => SERVER_MODULES.test(module));
}

/**
 * Paths that full-stack frameworks run on the server even inside a `frontend/` or `client/` folder:
 * Next.js API routes (`pages/api/`), route handlers (`app/.../route.ts`) and middleware, SvelteKit `+server.ts`.
 */
export function isFrameworkServerPath(relPath: string): boolean {
  const path = relPath.split('\\').join('/');
  return /(^|\/)pages\/api\/|(^|\/)app\/(?:.*\/)?route\.[cm]?[jt]sx?$|(^|\/)middleware\.[cm]?[jt]s$|(^|\/)\+server\.[cm]?[jt]s$/i.test(path);
}

function leadingDirectives(sourceFile: ts.SourceFile): string[] {
  const directives: string[] = [];
  for (const statement of sourceFile.statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) break;
    directives.push(statement.expression.text);
  }
  return directives;
}

/** Top-level `import ... from 'x'` and `require('x')` module names (require anywhere at top level). */
function importedModules(sourceFile: ts.SourceFile): string[] {
  const cached = modulesCache.get(sourceFile);
  if (cached) return cached;
  const modules: string[] = [];
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteralLike(statement.moduleSpecifier)) {
      modules.push(statement.moduleSpecifier.text);
    }
  }
  for (const match of sourceFile.text.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)) modules.push(match[1]!);
  modulesCache.set(sourceFile, modules);
  return modules;
}
