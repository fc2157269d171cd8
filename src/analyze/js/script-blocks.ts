/**
 * `<script>` blocks of .vue, .svelte and .html files. Everything outside the blocks is
 * blanked (newlines kept) so that lines and columns of findings stay those of the file.
 */
const SCRIPT_BLOCK = /(<script\b[^>]*>)([\s\S]*?)(<\/script\s*>)/gi;

export function extractScriptBlocks(text: string): string {
  let result = '';
  let last = 0;
  for (const match of text.matchAll(SCRIPT_BLOCK)) {
    const openTag = match[1]!;
    // JSON or template blocks (type="application/json", "text/template") are not scripts.
    if (/\btype\s*=\s*["']?(?!module|text\/javascript|application\/javascript|ts|text\/typescript)[^"'\s>]/i.test(openTag)) continue;
    const bodyStart = match.index + openTag.length;
    result += blank(text.slice(last, bodyStart)) + match[2]!;
    last = bodyStart + match[2]!.length;
  }
  return result + blank(text.slice(last));
}

function blank(segment: string): string {
  return segment.replace(/[^\n\r]/g, ' ');
}
