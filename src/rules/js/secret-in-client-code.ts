/**
 * secret-in-client-code: a JWT secret that reaches browser code.
 * - env names with a public prefix (`NEXT_PUBLIC_`, `VITE_`, `REACT_APP_`, `PUBLIC_`, ...) that
 *   name a JWT secret, read anywhere (`process.env.X`, `import.meta.env.X`, destructured, or
 *   SvelteKit's `$env/static/public`), or used as a JWT call's key whatever their name;
 * - signing or verifying with a secret in files that are clearly client bundles: a
 *   `'use client'` directive, a path under `client/`, `frontend/` or `public/`, or the script of
 *   a .vue/.svelte/.html file. Verifying with a public key there is fine.
 */
import ts from '../../analyze/js/typescript.cjs';
import { importsServerModule, isFrameworkServerPath } from '../../analyze/js/client-code.js';
import { algorithmList } from '../../analyze/js/jwt-algorithms.js';
import type { JwtCall } from '../../analyze/js/libraries.js';
import { isPublicKeyName, publicKeyEvidence } from '../../analyze/js/public-keys.js';
import type { Value } from '../../analyze/js/values.js';
import { classifyKeyText } from '../../analyze/secret-strength.js';
import { isJwtSecretName, nameWords, publicEnvPrefix } from '../../analyze/secret-names.js';
import type { JsRule, JsRuleContext } from '../rule.js';

const SVELTEKIT_PUBLIC_ENV = new Set(['$env/static/public', '$env/dynamic/public']);

export const secretInClientCode: JsRule = {
  id: 'secret-in-client-code',
  fix: 'Sign and verify tokens only on the server: drop the public prefix from the variable, move the code to a ' +
    'server route, and rotate the secret.',
  create(context) {
    const reportedNames = new Set<string>();
    const clientReason = clientBundleReason(context.sourceFile, context.file);

    /** A public env name that says it holds a JWT secret: reported once per name and file. */
    const checkEnvName = (name: string, node: ts.Node, usedAsKeyBy?: string): void => {
      const prefix = publicEnvPrefix(name);
      if (!prefix || reportedNames.has(name)) return;
      if (!usedAsKeyBy && !isJwtSecretName(name.slice(prefix.prefix.length), { envName: true })) return;
      reportedNames.add(name);
      const role = usedAsKeyBy ? `is used as the key of ${usedAsKeyBy}` : 'holds a JWT secret';
      context.report({
        node,
        message: `${name} ${role}, but ${prefix.prefix}* variables are inlined into the browser bundle by ` +
          `${prefix.bundler}: every visitor can read the secret and forge tokens`,
      });
    };

    return {
      jwtCall(call) {
        const key = call.settings.get('key');
        const value = key?.value;
        if (!key || !value) return;
        const reportAt = key.expression ?? call.node;
        if (value.kind === 'env' && publicEnvPrefix(value.name)) {
          // A public key may be public: `NEXT_PUBLIC_JWT_PUBLIC_KEY` verifying RS256 tokens.
          if (!isSecretKey(value) || publicKeyEvidence(key) || verifiesPublicKeyAlgorithmsOnly(call)) return;
          checkEnvName(value.name, reportAt, call.api);
          return;
        }
        // An env key verifying RS256-only tokens (or named as a public key) is a public key; a literal is judged by its text.
        const publicEnvKey = value.kind === 'env' && (publicKeyEvidence(key) !== undefined || verifiesPublicKeyAlgorithmsOnly(call));
        if (clientReason && (call.kind === 'sign' || call.kind === 'verify') && isSecretKey(value) && !publicEnvKey) {
          context.report({
            node: reportAt,
            message: `${call.api} ${call.kind === 'sign' ? 'signs' : 'verifies'} tokens with a secret key in browser code ` +
              `(${clientReason}): ${value.kind === 'string'
                ? 'every visitor can read the key and forge tokens'
                : 'the key has to be shipped to the browser for this to work, where every visitor can read it'}`,
          });
        }
      },
      nodes: {
        [ts.SyntaxKind.PropertyAccessExpression]: (node) => checkEnvAccess(node as ts.PropertyAccessExpression, context, checkEnvName),
        [ts.SyntaxKind.ElementAccessExpression]: (node) => checkEnvAccess(node as ts.ElementAccessExpression, context, checkEnvName),
        [ts.SyntaxKind.VariableDeclaration]: (node) => {
          // const { VITE_JWT_SECRET } = import.meta.env
          const decl = node as ts.VariableDeclaration;
          if (!ts.isObjectBindingPattern(decl.name) || !decl.initializer || !isEnvObject(decl.initializer)) return;
          for (const element of decl.name.elements) {
            const key = element.propertyName ?? element.name;
            if (ts.isIdentifier(key)) checkEnvName(key.text, element);
          }
        },
        [ts.SyntaxKind.ImportDeclaration]: (node) => {
          // import { PUBLIC_JWT_SECRET } from '$env/static/public'
          const decl = node as ts.ImportDeclaration;
          if (!ts.isStringLiteral(decl.moduleSpecifier) || !SVELTEKIT_PUBLIC_ENV.has(decl.moduleSpecifier.text)) return;
          const bindings = decl.importClause?.namedBindings;
          if (!bindings || !ts.isNamedImports(bindings)) return;
          for (const element of bindings.elements) checkEnvName((element.propertyName ?? element.name).text, element);
        },
      },
    };
  },
};

function checkEnvAccess(
  node: ts.PropertyAccessExpression | ts.ElementAccessExpression,
  context: JsRuleContext,
  checkEnvName: (name: string, node: ts.Node) => void,
): void {
  if (!isEnvObject(node.expression)) return;
  const value = context.resolver.resolve(node);
  if (value?.kind === 'env') checkEnvName(value.name, node);
}

/** `process.env`, `import.meta.env`. */
function isEnvObject(node: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(node) && node.name.text === 'env' &&
    ((ts.isIdentifier(node.expression) && node.expression.text === 'process') || ts.isMetaProperty(node.expression));
}

/** A key that is a secret: an HMAC secret or private key string, or an env value not named as a public key. */
function isSecretKey(value: Value): boolean {
  if (value.kind === 'string') {
    const kind = classifyKeyText(value.value).kind;
    return kind !== 'pem-public' && kind !== 'jwk-public';
  }
  if (value.kind === 'env') {
    // The bundler prefix (`NEXT_PUBLIC_`, `PUBLIC_`) says where the value goes, not what it is.
    const name = value.name.slice(publicEnvPrefix(value.name)?.prefix.length ?? 0);
    const words = nameWords(name);
    return !words.includes('public') && !words.includes('pub') && !words.includes('jwks') && !isPublicKeyName(name);
  }
  return false;
}

/** A verify call whose complete allowlist names only public-key algorithms (`['RS256']`): its key is a public key. */
function verifiesPublicKeyAlgorithmsOnly(call: JwtCall): boolean {
  if (call.kind !== 'verify') return false;
  const list = algorithmList(call.settings.get('algorithms'));
  return list !== undefined && list.complete && list.entries.length > 0 &&
    list.entries.every((entry) => entry.family === 'public-key');
}

/** Why a file is clearly browser code, or undefined when that is not clear. */
export function clientBundleReason(sourceFile: ts.SourceFile, file: string): string | undefined {
  for (const statement of sourceFile.statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) break;
    if (statement.expression.text === 'use client') return "'use client'";
  }
  if (/\.server\.[^./]+$|(^|\/)server\//i.test(file)) return undefined;
  // Next.js API routes, route handlers and middleware (and SvelteKit +server) run on the server, as does
  // any file that imports a server framework, even inside a frontend/ folder.
  if (isFrameworkServerPath(file) || importsServerModule(sourceFile)) return undefined;
  if (/\.(vue|svelte|html?)$/i.test(file)) return `the script of a .${file.split('.').pop()!.toLowerCase()} file`;
  const dir = /(^|\/)(client|frontend|public)\//i.exec(file);
  return dir ? `a file under ${dir[2]}/` : undefined;
}
