/** Does a key expression hold a public key? Names, `.getPublic()`, PEM `PUBLIC KEY` text. */
import type { JavaFacts } from '../../analyze/java/facts.js';
import { classifyKeyText } from '../../analyze/secret-strength.js';
import type { SyntaxNode } from '../../analyze/tree/parser.js';

const PUBLIC_NAME = /public_?key|publickey|pub_?key|\bpub\b|\.pub\b|public\.pem|getPublic\(/i;

export function publicKeyEvidence(expression: SyntaxNode, facts: JavaFacts): string | undefined {
  const text = facts.syntax.textOf(expression).replace(/\s+/g, '');
  if (PUBLIC_NAME.test(text) && !/private/i.test(text)) return text.length > 40 ? `${text.slice(0, 39)}…` : text;
  const value = facts.values.resolve(expression);
  const keyText = value?.kind === 'string' ? value.value : value?.kind === 'bytes' ? value.text : undefined;
  if (keyText !== undefined && classifyKeyText(keyText).kind === 'pem-public') return 'PEM "PUBLIC KEY"';
  return undefined;
}
