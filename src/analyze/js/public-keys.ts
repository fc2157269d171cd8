/**
 * Does a key setting hold a public key? Judged from the resolved value (a PEM public key or
 * certificate, a file such as `public.pem`), and when the value is not visible, from the
 * names it is reached through (`publicKey`, `PUBLIC_KEY`, `config.jwt.publicKey`).
 * Used where a public key must never be: as an HMAC secret.
 */
import ts from './typescript.cjs';
import { classifyKeyText } from '../secret-strength.js';
import type { Setting } from './libraries.js';
import { initializerOf, unwrapExpression } from './expressions.js';
import type { Value } from './values.js';
import { forEachDescendant } from './walk.js';

const MAX_HOPS = 4;

/** A short description of why the key is public (`publicKey`, `"keys/public.pem"`), or undefined. */
export function publicKeyEvidence(setting: Setting | undefined): string | undefined {
  if (!setting) return undefined;
  return fromValue(setting.value) ?? (setting.expression ? fromExpression(setting.expression, 0) : undefined);
}

/** True for names like `publicKey`, `PUBLIC_KEY`, `pubKey`, `jwtPublicPem`, `certificate`. */
export function isPublicKeyName(name: string): boolean {
  const normalised = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (/secret|private|priv/.test(normalised)) return false;
  return /publickey|pubkey|publicpem|pubpem|publiccert|certificate|spki|x509/.test(normalised) ||
    /^(public|pub)$/.test(normalised) || /(jwt|token|rsa|signing|verify|verification)public$/.test(normalised);
}

/** True for key file paths like `keys/public.pem`, `jwt.pub`, `certs/cert.pem`. */
export function isPublicKeyFile(path: string): boolean {
  const base = (path.split(/[\\/]/).pop() ?? path).toLowerCase();
  if (/private|secret|priv/.test(base)) return false;
  return /public|\.pub$|\.crt$|\.cer$|^cert\.pem$|certificate/.test(base);
}

function fromValue(value: Value | undefined): string | undefined {
  if (!value) return undefined;
  switch (value.kind) {
    case 'string': {
      const text = classifyKeyText(value.value);
      if (text.kind === 'pem-public' && /PUBLIC KEY|CERTIFICATE/.test(text.label)) return `a PEM "${text.label}"`;
      if (text.kind === 'jwk-public') return 'a public JWK';
      return value.names.find(isPublicKeyName);
    }
    case 'file-read':
      return value.path?.kind === 'string' && isPublicKeyFile(value.path.value) ? `"${value.path.value}"` : undefined;
    case 'env':
      return isPublicKeyName(value.name) ? `process.env.${value.name}` : undefined;
    default:
      return undefined;
  }
}

/** Names along the key expression: `publicKey`, `this.publicKey`, `Buffer.from(PUBLIC_KEY)`, `readFileSync('public.pem')`. */
function fromExpression(expression: ts.Expression, hops: number): string | undefined {
  if (hops > MAX_HOPS) return undefined;
  const node = unwrapExpression(expression);
  if (ts.isIdentifier(node)) {
    if (isPublicKeyName(node.text)) return node.text;
    const initializer = initializerOf(node);
    return initializer ? fromExpression(initializer, hops + 1) : undefined;
  }
  if (ts.isPropertyAccessExpression(node)) {
    return isPublicKeyName(node.name.text) ? node.getText() : undefined;
  }
  if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) {
    return isPublicKeyName(node.argumentExpression.text) ? node.getText() : undefined;
  }
  if (ts.isCallExpression(node)) {
    const callee = node.expression;
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
    if (/^(createPublicKey|importSPKI|importX509)$/.test(name)) return `${name}(...)`;
    if (/^(readFileSync|readFile)$/.test(name)) {
      const file = stringLiterals(node.arguments[0]).find(isPublicKeyFile);
      return file ? `"${file}"` : undefined;
    }
    if (name === 'toString' && ts.isPropertyAccessExpression(callee)) return fromExpression(callee.expression, hops + 1);
    if (/^(from|String|trim|replace)$/.test(name)) {
      const inner = name === 'trim' || name === 'replace'
        ? (ts.isPropertyAccessExpression(callee) ? callee.expression : undefined)
        : node.arguments[0];
      return inner ? fromExpression(inner, hops + 1) : undefined;
    }
  }
  return undefined;
}

/** The string literals written inside an expression: `path.join(__dirname, 'keys', 'public.pem')`. */
function stringLiterals(node: ts.Node | undefined): string[] {
  if (!node) return [];
  const found: string[] = [];
  if (ts.isStringLiteralLike(node)) found.push(node.text);
  forEachDescendant(node, (child) => {
    if (ts.isStringLiteralLike(child)) found.push(child.text);
  });
  return found;
}
