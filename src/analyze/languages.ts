/** Which front end reads which file, by extension. Loads no parser. */
import { extname } from 'node:path';

export const JS_EXTENSIONS = new Set(['.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts']);
/** Files whose `<script>` blocks are JS/TS. */
export const SCRIPT_HOST_EXTENSIONS = new Set(['.vue', '.svelte', '.html', '.htm']);

export function isJsFile(path: string): boolean {
  const ext = extname(path).toLowerCase();
  return JS_EXTENSIONS.has(ext) || SCRIPT_HOST_EXTENSIONS.has(ext);
}
