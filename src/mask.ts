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

/**
 * Replaces every occurrence of each secret in a line of text (used for code frames),
 * keeping the surrounding code readable.
 */
export function redactText(text: string, secrets: Iterable<string>): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length === 0) continue;
    result = result.split(secret).join(secret.startsWith('eyJ') ? maskToken(secret) : maskSecret(secret));
  }
  return result;
}
