/**
 * JWT library calls in a Python file, recognised through imports: PyJWT (`jwt.encode`,
 * `jwt.decode`, `jwt.PyJWT().decode`, `from jwt import decode`), python-jose (`from jose
 * import jwt`), authlib (`from authlib.jose import jwt`) and flask-jwt-extended
 * (`create_access_token`, `create_refresh_token`, `decode_token`). Each call's arguments
 * are mapped to the library's parameter names, positional or keyword.
 */
import type { SyntaxNode } from '../tree/parser.js';
import { descendants, field } from '../tree/syntax.js';
import type { PythonFacts } from './facts.js';
import { argumentsOf } from './syntax.js';
import type { DictEntry, PyValue } from './values.js';

export type PyJwtLibrary = 'pyjwt' | 'python-jose' | 'authlib' | 'flask-jwt-extended';

/**
 * sign: creates a token. verify: checks the signature and returns claims. unverified:
 * returns claims without checking the signature. header: reads the header only.
 */
export type PyJwtCallKind = 'sign' | 'verify' | 'unverified' | 'header';

export interface PyJwtCall {
  node: SyntaxNode;
  callee: SyntaxNode;
  /** The callee as written: `jwt.decode`, `create_access_token`. */
  api: string;
  library: PyJwtLibrary;
  method: string;
  kind: PyJwtCallKind;
  /** Arguments by the library's parameter name: `key`, `algorithms`, `options`, `payload`, ... */
  args: Map<string, SyntaxNode>;
  /** The `name=value` node of keyword arguments, for reporting. */
  keywordNodes: Map<string, SyntaxNode>;
  /** No `*args`/`**kwargs`: every argument is written in the call. */
  complete: boolean;
}

/** Parameter names per (library, method), in positional order, normalised (`claims` -> `payload`). */
const PARAMETERS: Record<string, string[]> = {
  'pyjwt.decode': ['token', 'key', 'algorithms', 'options', 'detached_payload', 'audience', 'issuer', 'leeway'],
  'pyjwt.decode_complete': ['token', 'key', 'algorithms', 'options', 'detached_payload', 'audience', 'issuer', 'leeway'],
  'pyjwt.encode': ['payload', 'key', 'algorithm', 'headers', 'json_encoder'],
  'pyjwt.get_unverified_header': ['token'],
  'python-jose.decode': ['token', 'key', 'algorithms', 'options', 'audience', 'issuer', 'subject', 'access_token'],
  'python-jose.encode': ['payload', 'key', 'algorithm', 'headers', 'access_token'],
  'python-jose.get_unverified_claims': ['token'],
  'python-jose.get_unverified_header': ['token'],
  'python-jose.get_unverified_headers': ['token'],
  'authlib.encode': ['header', 'payload', 'key', 'check'],
  'authlib.decode': ['token', 'key', 'claims_cls', 'claims_options', 'claims_params'],
  'flask-jwt-extended.create_access_token': ['identity', 'fresh', 'expires_delta', 'additional_claims', 'additional_headers'],
  'flask-jwt-extended.create_refresh_token': ['identity', 'expires_delta', 'additional_claims', 'additional_headers'],
  'flask-jwt-extended.decode_token': ['token', 'csrf_value', 'allow_expired'],
};

/** Keyword names that differ from the normalised parameter names. */
const KEYWORD_ALIASES: Record<string, string> = { jwt: 'token', claims: 'payload', s: 'token', encoded: 'token' };

function libraryOf(qualified: string): { library: PyJwtLibrary; method: string } | undefined {
  const pyjwt = /^jwt(?:\.api_jwt|\.PyJWT\(\))?\.(decode|decode_complete|encode|get_unverified_header)$/.exec(qualified);
  if (pyjwt) return { library: 'pyjwt', method: pyjwt[1]! };
  const jose = /^jose\.jwt\.(decode|encode|get_unverified_claims|get_unverified_headers?)$/.exec(qualified);
  if (jose) return { library: 'python-jose', method: jose[1]! };
  const authlib = /^authlib\.jose\.(?:jwt|JsonWebToken\(\))\.(encode|decode)$/.exec(qualified);
  if (authlib) return { library: 'authlib', method: authlib[1]! };
  const flask = /^flask_jwt_extended(?:\.utils)?\.(create_access_token|create_refresh_token|decode_token)$/.exec(qualified);
  if (flask) return { library: 'flask-jwt-extended', method: flask[1]! };
  return undefined;
}

export function findJwtCalls(facts: PythonFacts): PyJwtCall[] {
  const calls: PyJwtCall[] = [];
  for (const node of descendants(facts.syntax.root, 'call')) {
    const callee = field(node, 'function');
    if (!callee || (callee.type !== 'identifier' && callee.type !== 'attribute')) continue;
    const qualified = facts.qualify(callee);
    const known = qualified ? libraryOf(qualified) : undefined;
    if (!known) continue;
    const parameters = PARAMETERS[`${known.library}.${known.method}`]!;
    const written = argumentsOf(facts.syntax, node);
    const args = new Map<string, SyntaxNode>();
    const keywordNodes = new Map<string, SyntaxNode>();
    written.positional.forEach((argument, index) => {
      const name = parameters[index];
      if (name) args.set(name, argument);
    });
    for (const [keyword, value] of written.keywords) {
      const name = KEYWORD_ALIASES[keyword] ?? keyword;
      args.set(name, value);
      keywordNodes.set(name, written.keywordNodes.get(keyword)!);
    }
    // PyJWT 1.x: decode(jwt, key, verify=True, algorithms=None): a boolean third argument is `verify`.
    const third = written.positional[2];
    if (known.library === 'pyjwt' && third && (third.type === 'true' || third.type === 'false')) {
      args.delete('algorithms');
      args.set('verify', third);
    }
    const call: PyJwtCall = {
      node, callee, api: facts.syntax.textOf(callee), library: known.library, method: known.method,
      kind: 'sign', args, keywordNodes, complete: !written.splat,
    };
    call.kind = kindOf(facts, call);
    calls.push(call);
  }
  return calls;
}

function kindOf(facts: PythonFacts, call: PyJwtCall): PyJwtCallKind {
  switch (call.method) {
    case 'encode':
    case 'create_access_token':
    case 'create_refresh_token':
      return 'sign';
    case 'get_unverified_header':
    case 'get_unverified_headers':
      return 'header';
    case 'get_unverified_claims':
      return 'unverified';
    default:
      return signatureSkipped(facts, call) ? 'unverified' : 'verify';
  }
}

/** `options={"verify_signature": False}` or PyJWT 1.x `verify=False`. */
function signatureSkipped(facts: PythonFacts, call: PyJwtCall): boolean {
  const verify = facts.value(call.args.get('verify'));
  if (verify?.kind === 'boolean' && !verify.value) return true;
  const option = optionValue(facts, call, 'verify_signature');
  return option?.kind === 'boolean' && !option.value;
}

/** The options dict of a decode call (PyJWT and python-jose `options=`), when it resolves. */
export function optionsOf(facts: PythonFacts, call: PyJwtCall): Extract<PyValue, { kind: 'dict' }> | undefined {
  const options = facts.value(call.args.get('options'));
  return options?.kind === 'dict' ? options : undefined;
}

export function optionEntry(facts: PythonFacts, call: PyJwtCall, name: string): DictEntry | undefined {
  return optionsOf(facts, call)?.entries.get(name);
}

export function optionValue(facts: PythonFacts, call: PyJwtCall, name: string): PyValue | undefined {
  const entry = optionEntry(facts, call, name);
  return entry ? entry.facts.value(entry.value) : undefined;
}
