/** Which front end reads which file, by name. Loads no parser. */
import { basename, extname } from 'node:path';

export const JS_EXTENSIONS = new Set(['.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts']);
/** Files whose `<script>` blocks are JS/TS. */
export const SCRIPT_HOST_EXTENSIONS = new Set(['.vue', '.svelte', '.html', '.htm']);

export type FrontEndId = 'js' | 'python' | 'java' | 'go' | 'config';

const BY_EXTENSION: Record<string, FrontEndId> = {
  '.py': 'python',
  '.java': 'java',
  '.go': 'go',
  '.env': 'config',
  '.yml': 'config',
  '.yaml': 'config',
  '.properties': 'config',
  '.json': 'config',
  '.sh': 'config',
  '.bash': 'config',
};

export function isJsFile(path: string): boolean {
  const ext = extname(path).toLowerCase();
  return JS_EXTENSIONS.has(ext) || SCRIPT_HOST_EXTENSIONS.has(ext);
}

/** `.env`, `.env.local`, `.env.production.example`, `prod.env`. */
export function isDotenvFile(path: string): boolean {
  const name = basename(path).toLowerCase();
  return name === '.env' || name.startsWith('.env.') || name.endsWith('.env');
}

/** `Dockerfile`, `Dockerfile.prod`, `api.Dockerfile`, `Containerfile`. */
export function isDockerfile(path: string): boolean {
  return /^(dockerfile|containerfile)(\.[\w.-]+)?$|\.dockerfile$/i.test(basename(path));
}

/** The front end that understands a file's structure, or undefined (seed patterns only). */
/**
 * TypeScript declaration files (`.d.ts`): types only, no code that signs, verifies or stores
 * anything. They are large in dependencies and generated SDKs, so no parser reads them; the
 * seed patterns still look for JWT literals in their doc comments.
 */
export function isDeclarationFile(path: string): boolean {
  return /\.d\.[cm]?ts$/i.test(path);
}

export function frontEndOf(path: string): FrontEndId | undefined {
  if (isDeclarationFile(path)) return undefined;
  if (isJsFile(path)) return 'js';
  if (isDotenvFile(path) || isDockerfile(path)) return 'config';
  return BY_EXTENSION[extname(path).toLowerCase()];
}
