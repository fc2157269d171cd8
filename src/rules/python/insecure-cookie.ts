/**
 * insecure-cookie (Python): a token put in a cookie without `httponly=True`, `secure=True`
 * and `samesite`: Flask/Werkzeug, Django and Starlette/FastAPI `response.set_cookie(...)`
 * (Starlette defaults samesite to "lax"), when the cookie name or value says token or the
 * value comes from a JWT signing call; and flask-jwt-extended `JWT_COOKIE_SECURE = False`, or
 * `JWT_COOKIE_CSRF_PROTECT = False` without a `JWT_COOKIE_SAMESITE`.
 * Deleting a cookie (`max_age=0`, empty value) and `secure=` set by an environment check
 * (`secure=not app.debug`) are not findings.
 */
import { isTokenLikeName } from '../../analyze/names/token-names.js';
import type { ConfigEntry } from '../../analyze/python/config.js';
import type { PythonFacts } from '../../analyze/python/facts.js';
import { argumentsOf, enclosingFunction, unwrap } from '../../analyze/python/syntax.js';
import type { SyntaxNode } from '../../analyze/tree/parser.js';
import { descendants, field } from '../../analyze/tree/syntax.js';
import type { TreeRule } from '../tree-rule.js';
import { nameOf, type PyContext } from './shared.js';

const ENVIRONMENT_CHECK = /debug|DEBUG|production|development|is_?prod|is_?dev|is_?secure|https|ENV\b|environment/;

export const insecureCookie: TreeRule<PythonFacts> = {
  id: 'insecure-cookie',
  fix: 'Set token cookies with httponly=True, secure=True and samesite="Strict" (or "Lax").',
  create(context) {
    const facts = context.facts;
    return {
      end() {
        const starlette = facts.imports(['starlette', 'fastapi']);
        for (const call of descendants(context.syntax.root, 'call')) {
          const callee = field(call, 'function');
          if (callee?.type !== 'attribute' || context.syntax.textOf(field(callee, 'attribute')!) !== 'set_cookie') continue;
          checkSetCookie(context, call, starlette);
        }
        const entries = facts.configEntries();
        for (const entry of entries) {
          const value = facts.value(entry.value);
          if (value?.kind !== 'boolean' || value.value) continue;
          if (entry.key === 'JWT_COOKIE_SECURE') {
            context.report({
              node: entry.node,
              message: `${entry.label} = False lets flask-jwt-extended send its token cookies over plain HTTP, where anyone on the network path can copy them`,
              fix: 'Set JWT_COOKIE_SECURE = True (only local development over http:// may turn it off).',
            });
          } else if (entry.key === 'JWT_COOKIE_CSRF_PROTECT' && !sameSiteSet(context, entries)) {
            // flask-jwt-extended's JWT_COOKIE_SAMESITE defaults to None: nothing else stops cross-site requests.
            context.report({
              node: entry.node,
              message: `${entry.label} = False turns off the CSRF check of flask-jwt-extended token cookies, and no JWT_COOKIE_SAMESITE is set, ` +
                'so any site can make requests with the user\'s token',
              fix: 'Keep JWT_COOKIE_CSRF_PROTECT on, or set JWT_COOKIE_SAMESITE = "Strict" (or "Lax") when turning it off.',
            });
          }
        }
      },
    };
  },
};

function checkSetCookie(context: PyContext, call: SyntaxNode, starlette: boolean): void {
  const facts = context.facts;
  const args = argumentsOf(context.syntax, call);
  if (args.splat || args.positional.length > 2) return;
  const nameNode = args.positional[0] ?? args.keywords.get('key');
  const valueNode = args.positional[1] ?? args.keywords.get('value');
  if (!nameNode || !valueNode) return;
  const cookieName = facts.string(nameNode);
  const value = facts.value(valueNode);
  if (value?.kind === 'string' && value.complete && value.value === '') return; // clearing the cookie
  const maxAge = facts.value(args.keywords.get('max_age'));
  if (maxAge?.kind === 'number' && maxAge.value <= 0) return;
  if (!holdsToken(context, cookieName, valueNode)) return;
  const missing: string[] = [];
  if (!flagSet(context, args.keywords.get('httponly'))) missing.push('httponly=True');
  if (!flagSet(context, args.keywords.get('secure')) && !inEnvironmentBranch(context, call)) missing.push('secure=True');
  const sameSite = args.keywords.get('samesite');
  const sameSiteValue = facts.value(sameSite);
  if (sameSite ? sameSiteValue?.kind === 'none' : !starlette) missing.push('samesite');
  if (missing.length === 0) return;
  const label = cookieName !== undefined ? `"${cookieName}"` : context.syntax.textOf(nameNode);
  context.report({ node: call, message: `Cookie ${label} holding a token is set without ${missing.join(', ')}` });
}

function sameSiteSet(context: PyContext, entries: readonly ConfigEntry[]): boolean {
  const sameSite = entries.find((entry) => entry.key === 'JWT_COOKIE_SAMESITE');
  const value = sameSite ? context.facts.value(sameSite.value) : undefined;
  return sameSite !== undefined && value?.kind !== 'none';
}

/** A flag is set unless absent or resolved to a falsy literal (an unknown expression counts as set). */
function flagSet(context: PyContext, node: SyntaxNode | undefined): boolean {
  if (!node) return false;
  const value = context.facts.value(node);
  if (value?.kind === 'boolean') return value.value;
  if (value?.kind === 'none') return false;
  return true;
}

function holdsToken(context: PyContext, cookieName: string | undefined, valueNode: SyntaxNode): boolean {
  if (cookieName !== undefined && isTokenLikeName(cookieName)) return true;
  const valueName = nameOf(context.facts, valueNode);
  if (valueName && isTokenLikeName(valueName)) return true;
  return isSignedToken(context, valueNode);
}

/** The value is a JWT signing call, or a local name bound to one. */
export function isSignedToken(context: PyContext, node: SyntaxNode): boolean {
  const inner = unwrap(node);
  if (!inner) return false;
  const signs = (candidate: SyntaxNode | undefined): boolean =>
    context.facts.jwtCalls().some((call) => call.kind === 'sign' && call.node === unwrap(candidate));
  if (inner.type === 'call') return signs(inner);
  if (inner.type !== 'identifier') return false;
  const site = context.facts.bindingOf(context.syntax.textOf(inner), inner);
  return site?.kind === 'assign' && signs(site.value);
}

/** `if app.debug: ... else: set_cookie(..., secure=True)`: the development branch is not judged on `secure`. */
function inEnvironmentBranch(context: PyContext, node: SyntaxNode): boolean {
  const fn = enclosingFunction(node);
  for (let current = node.parent; current && current !== fn; current = current.parent) {
    if (current.type === 'if_statement' || current.type === 'conditional_expression' || current.type === 'elif_clause') {
      const condition = field(current, 'condition') ?? current.children.find((child) => child.named);
      if (condition && ENVIRONMENT_CHECK.test(context.syntax.textOf(condition))) return true;
    }
  }
  return false;
}
