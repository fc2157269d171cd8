/**
 * Masking happens here and only here. Every secret or token that reaches a message,
 * a code frame or a report goes through these functions first.
 */

/** `my-super-secret` -> `my…(15 chars)`: the first 2 characters and the length. */
export function maskSecret(secret: string): string {
  const chars = [...secret];
  const prefix = chars.slice(0, 2).join('');
  return `${JSON.stringify(prefix + '…').slice(1, -1)}(${chars.length} chars)`;
}

/** A JWT keeps its header visible (it is public metadata); payload and signature are cut. */
export function maskToken(token: string): string {
  const [header = ''] = token.split('.');
  const shownHeader = header.length > 40 ? `${header.slice(0, 40)}…` : header;
  return `${shownHeader}.…(${token.length} chars)`;
}

/** Secrets this long are masked wherever they appear; shorter ones could be ordinary words. */
const MASK_ANYWHERE_LENGTH = 8;
/**
 * A quoted string; an unterminated one runs to the end of the text. Every opening quote
 * therefore matches, which keeps the scan linear (a pattern that requires the closing
 * quote backtracks quadratically on a long line of escaped quotes).
 */
const QUOTED = /(["'`])((?:\\[\s\S]?|(?!\1)[^\\])*)(\1|$)/g;

/**
 * Masks each secret in a line of text (used for code frames), keeping the surrounding code
 * readable. Long secrets are masked wherever they occur. Short ones (a weak `'secret'`) are
 * masked inside quoted strings and in the value of a `KEY=value` / `key: value` line, so the
 * word `secret:` of an unrelated property stays readable.
 */
export function redactText(text: string, secrets: Iterable<string>): string {
  const shortSecrets: string[] = [];
  let result = text;
  // Longest first: a short secret that is part of a longer one must not leave the rest visible.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length === 0) continue;
    if (secret.length >= MASK_ANYWHERE_LENGTH) result = replaceAll(result, secret);
    else shortSecrets.push(secret);
  }
  if (shortSecrets.length === 0) return result;
  const maskShort = (segment: string): string => shortSecrets.reduce(replaceAll, segment);
  result = result.replace(QUOTED, (_match, quote: string, body: string, close: string) => `${quote}${maskShort(body)}${close}`);
  const assignment = /^(\s*[\w.-]+\s*[=:]\s*)([^'"`\s].*)$/.exec(result);
  return assignment ? assignment[1]! + maskShort(assignment[2]!) : result;
}

function replaceAll(text: string, secret: string): string {
  if (!text.includes(secret)) return text; // most lines hold none of a file's secrets: skip building the mask
  return text.split(secret).join(secret.startsWith('eyJ') ? maskToken(secret) : maskSecret(secret));
}
