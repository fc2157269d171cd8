/**
 * `<script>` blocks of .vue, .svelte and .html files. Everything outside the blocks is
 * blanked (newlines kept) so that lines and columns of findings stay those of the file.
 */
const SCRIPT_OPEN = /<script\b/gi;
const SCRIPT_CLOSE = /<\/script\s*>/gi;

export function extractScriptBlocks(text: string): string {
  let result = '';
  let last = 0;
  for (const { openTag, bodyStart, body } of scriptBlocks(text)) {
    // JSON or template blocks (type="application/json", "text/template") are not scripts.
    if (/\btype\s*=\s*["']?(?!module|text\/javascript|application\/javascript|ts|text\/typescript)[^"'\s>]/i.test(openTag)) continue;
    result += blank(text.slice(last, bodyStart)) + body;
    last = bodyStart + body.length;
  }
  return result + blank(text.slice(last));
}

/**
 * `<script ...>body</script>` blocks in order. Each search starts where the previous one
 * stopped, so the scan is linear (one regex for the whole block backtracks quadratically
 * on many unclosed `<script` tags).
 */
function* scriptBlocks(text: string): Generator<{ openTag: string; bodyStart: number; body: string }> {
  let from = 0;
  for (;;) {
    SCRIPT_OPEN.lastIndex = from;
    const open = SCRIPT_OPEN.exec(text);
    if (!open) return;
    const tagEnd = text.indexOf('>', open.index);
    if (tagEnd === -1) return;
    SCRIPT_CLOSE.lastIndex = tagEnd + 1;
    const close = SCRIPT_CLOSE.exec(text);
    if (!close) return;
    yield { openTag: text.slice(open.index, tagEnd + 1), bodyStart: tagEnd + 1, body: text.slice(tagEnd + 1, close.index) };
    from = close.index + close[0].length;
  }
}

function blank(segment: string): string {
  return segment.replace(/[^\n\r]/g, ' ');
}
