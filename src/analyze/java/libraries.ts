/**
 * JWT library calls in a Java file: jjwt (0.9 to 0.12: `Jwts.builder()...compact()`,
 * `Jwts.parser()...parseClaimsJws(t)`), auth0 java-jwt (`JWT.create()...sign(alg)`,
 * `JWT.require(alg)...build().verify(t)`, `JWT.decode(t)`) and Nimbus (`new MACSigner(k)`,
 * `PlainJWT`, `new JWTClaimsSet.Builder()...build()`, `SignedJWT.parse(t)`).
 *
 * A call is read as a method chain from its entry point. A chain that starts at a variable
 * (`parser.parseClaimsJws(t)` with `JwtParser parser = Jwts.parserBuilder()...build()`) is
 * followed to the variable's initializer; when that is not possible the chain is incomplete
 * and rules that judge what is missing stay silent.
 */
import type { SyntaxNode } from '../tree/parser.js';
import { field, walkTree } from '../tree/syntax.js';
import type { JavaFacts } from './facts.js';
import { argumentsOf, unwrap } from './values.js';

export type JavaLibrary = 'jjwt' | 'auth0' | 'nimbus';

export interface ChainCall {
  name: string;
  node: SyntaxNode;
  nameNode: SyntaxNode;
  args: SyntaxNode[];
}

export interface JavaJwtCall {
  library: JavaLibrary;
  /** sign: creates a token; verify: checks a signature; decode: reads claims without checking one. */
  kind: 'sign' | 'verify' | 'decode';
  /** How messages name the call: `Jwts.builder()`, `parseClaimsJws`, `JWT.decode`. */
  api: string;
  /** The final call (`compact()`, `parseClaimsJws(t)`, `verify(t)`). */
  node: SyntaxNode;
  /** Its method name: the tightest place to report what the chain lacks. */
  nameNode: SyntaxNode;
  /** The entry point (`Jwts.builder()`, `JWT.create()`), where a builder chain starts. */
  entry: SyntaxNode;
  /** Every call of the chain, entry first (through a variable's initializer when followed). */
  calls: ChainCall[];
  /** True when the chain was read from its entry point, so a missing setting is really missing. */
  complete: boolean;
}

/** A key passed to a JWT API: `signWith(alg, key)`, `Algorithm.HMAC256(key)`, `new MACSigner(key)`. */
export interface KeyUse {
  expression: SyntaxNode;
  /** The API as written: `Keys.hmacShaKeyFor`, `Algorithm.HMAC256`, `signWith`. */
  api: string;
  /** The HMAC algorithm named with the key, when one is. */
  hmac?: string;
  /** True for APIs that only take HMAC secrets (MACSigner, hmacShaKeyFor, Algorithm.HMAC*). */
  hmacOnly: boolean;
  call: SyntaxNode;
  /** Where to point at the use: the algorithm argument, the method name, or the `new` expression. */
  where: SyntaxNode;
}

const JJWT_SIGN_ENTRY = new Set(['builder']);
const JJWT_PARSE_ENTRY = new Set(['parser', 'parserBuilder']);
const JJWT_VERIFIED = new Set(['parseClaimsJws', 'parseSignedClaims', 'parseSignedContent', 'parseContentJws', 'parsePlaintextJws']);
const JJWT_UNVERIFIED = new Set(['parseClaimsJwt', 'parseUnsecuredClaims', 'parseUnsecuredContent', 'parsePlaintextJwt']);
export const JJWT_KEY_SETTERS = new Set(['setSigningKey', 'verifyWith', 'setSigningKeyResolver', 'keyLocator', 'decryptWith']);
const HMAC_ALGORITHMS = /^(?:HS|HMAC)(256|384|512)$/;
const MAX_FOLLOW = 3;

export class JavaLibraries {
  readonly uses: ReadonlySet<JavaLibrary>;
  private calls: JavaJwtCall[] | undefined;
  private keys: KeyUse[] | undefined;

  constructor(private readonly facts: JavaFacts) {
    const uses = new Set<JavaLibrary>();
    for (const imported of facts.classes.importList()) {
      if (imported.path.startsWith('io.jsonwebtoken')) uses.add('jjwt');
      if (imported.path.startsWith('com.auth0.jwt')) uses.add('auth0');
      if (imported.path.startsWith('com.nimbusds')) uses.add('nimbus');
    }
    this.uses = uses;
  }

  /** True when the file imports a JWT library (or Spring's JWT support). */
  get isJwtFile(): boolean {
    return this.uses.size > 0 || this.facts.classes.importList().some((imported) =>
      /^org\.springframework\.security\.oauth2\.jwt/.test(imported.path));
  }

  text(node: SyntaxNode): string {
    return this.facts.syntax.textOf(node);
  }

  jwtCalls(): JavaJwtCall[] {
    if (!this.calls) {
      this.calls = [];
      if (this.uses.size > 0) {
        walkTree(this.facts.syntax.root, (node) => {
          if (node.type !== 'method_invocation') return;
          const call = this.recognise(node);
          if (call) this.calls!.push(call);
        });
      }
    }
    return this.calls;
  }

  /** The calls of the chain ending at `node`, entry first. `root` is what the first call is made on. */
  chainOf(node: SyntaxNode, follow = 0): { calls: ChainCall[]; root: SyntaxNode | undefined; complete: boolean } {
    const calls: ChainCall[] = [];
    let current: SyntaxNode | undefined = node;
    while (current?.type === 'method_invocation') {
      const nameNode = field(current, 'name')!;
      calls.unshift({ name: this.text(nameNode), node: current, nameNode, args: argumentsOf(current) });
      const object = field(current, 'object');
      current = object ? unwrap(object) : undefined;
    }
    // A builder or parser held in a variable: continue from its initializer.
    if (current && (current.type === 'identifier' || (current.type === 'field_access' && this.text(field(current, 'object')!) === 'this')) &&
        follow < MAX_FOLLOW) {
      const name = current.type === 'identifier' ? current : field(current, 'field')!;
      const declaration = current.type === 'identifier'
        ? this.facts.classes.declarationOf(current, this.facts.syntax)
        : this.facts.classes.fieldInEnclosingClass(current, this.text(name));
      const initializer = declaration && !declaration.reassigned && declaration.values === this.facts.values
        ? declaration.initializer ?? declaration.assignedOnce : undefined;
      if (initializer && unwrap(initializer).type === 'method_invocation') {
        const inner = this.chainOf(unwrap(initializer), follow + 1);
        return { calls: [...inner.calls, ...calls], root: inner.root, complete: inner.complete };
      }
      // No variable of that name: a class (`Jwts`, `JWT`) is the entry point itself.
      return { calls, root: current, complete: !declaration && /^[A-Z]/.test(this.text(name)) };
    }
    return { calls, root: current, complete: current !== undefined };
  }

  private recognise(node: SyntaxNode): JavaJwtCall | undefined {
    const method = this.text(field(node, 'name')!);
    if (!isTerminal(method)) return undefined;
    const chain = this.chainOf(node);
    const rootText = chain.root ? this.text(chain.root) : '';
    const entry = chain.calls[0];
    if (!entry) return undefined;
    const base = { node, nameNode: field(node, 'name')!, entry: entry.node, calls: chain.calls, complete: chain.complete };
    if (this.uses.has('jjwt') && /^(io\.jsonwebtoken\.)?Jwts$/.test(rootText)) {
      if (method === 'compact' && JJWT_SIGN_ENTRY.has(entry.name)) return { ...base, library: 'jjwt', kind: 'sign', api: 'Jwts.builder()' };
      if (!JJWT_PARSE_ENTRY.has(entry.name)) return undefined;
      if (JJWT_VERIFIED.has(method)) return { ...base, library: 'jjwt', kind: 'verify', api: method };
      if (JJWT_UNVERIFIED.has(method)) return { ...base, library: 'jjwt', kind: 'decode', api: method };
      if (method === 'parse') {
        const keyed = chain.calls.some((call) => JJWT_KEY_SETTERS.has(call.name));
        return { ...base, library: 'jjwt', kind: keyed ? 'verify' : 'decode', api: 'parse' };
      }
      return undefined;
    }
    if (this.uses.has('auth0') && /^(com\.auth0\.jwt\.)?JWT$/.test(rootText)) {
      if (method === 'sign' && entry.name === 'create') return { ...base, library: 'auth0', kind: 'sign', api: 'JWT.create()' };
      if (method === 'verify' && entry.name === 'require') return { ...base, library: 'auth0', kind: 'verify', api: 'JWTVerifier.verify' };
      if (method === 'decode' && chain.calls.length === 1) return { ...base, library: 'auth0', kind: 'decode', api: 'JWT.decode' };
      return undefined;
    }
    if (this.uses.has('nimbus') && method === 'parse' && chain.calls.length === 1 && /^(SignedJWT|JWTParser)$/.test(rootText)) {
      return { ...base, library: 'nimbus', kind: 'decode', api: `${rootText}.parse` };
    }
    return undefined;
  }

  /** Calls of a chain with one of these names. */
  settings(call: JavaJwtCall, ...names: string[]): ChainCall[] {
    return call.calls.filter((entry) => names.includes(entry.name));
  }

  /** Every key passed to a JWT API in this file. */
  keyUses(): KeyUse[] {
    if (this.keys) return this.keys;
    const keys: KeyUse[] = [];
    walkTree(this.facts.syntax.root, (node) => {
      if (node.type === 'method_invocation') this.keyOfCall(node, keys);
      else if (node.type === 'object_creation_expression' && this.uses.has('nimbus')) {
        const type = this.text(field(node, 'type') ?? node);
        const [first] = argumentsOf(node);
        if ((type === 'MACSigner' || type === 'MACVerifier') && first) {
          keys.push({ expression: first, api: `new ${type}`, hmacOnly: true, call: node, where: node });
        }
      }
    });
    this.keys = keys;
    return keys;
  }

  private keyOfCall(node: SyntaxNode, keys: KeyUse[]): void {
    const method = this.text(field(node, 'name')!);
    const object = field(node, 'object');
    const objectText = object ? this.text(object) : '';
    const args = argumentsOf(node);
    const where = field(node, 'name')!;
    if (this.uses.has('auth0') && /^(com\.auth0\.jwt\.algorithms\.)?Algorithm$/.test(objectText) && /^HMAC(256|384|512)$/.test(method) && args[0]) {
      keys.push({ expression: args[0], api: `Algorithm.${method}`, hmac: `HS${method.slice(4)}`, hmacOnly: true, call: node, where: node });
      return;
    }
    if (!this.uses.has('jjwt') && !this.isJwtFile) return;
    if (objectText === 'Keys' && method === 'hmacShaKeyFor' && args[0]) {
      keys.push({ expression: args[0], api: 'Keys.hmacShaKeyFor', hmacOnly: true, call: node, where: node });
      return;
    }
    if (method === 'withSecretKey' && objectText === 'NimbusJwtDecoder' && args[0]) {
      keys.push({ expression: args[0], api: 'NimbusJwtDecoder.withSecretKey', hmacOnly: true, call: node, where: node });
      return;
    }
    if (!this.uses.has('jjwt') || !object) return;
    if (method === 'signWith' && args.length >= 1) {
      const algorithmIndex = args.findIndex((arg) => this.algorithmName(arg) !== undefined);
      const key = args.find((_arg, index) => index !== algorithmIndex);
      const algorithm = algorithmIndex >= 0 ? this.algorithmName(args[algorithmIndex]!) : undefined;
      if (key) {
        keys.push({ expression: key, api: 'signWith', hmac: algorithm && HMAC_ALGORITHMS.test(algorithm) ? algorithm : undefined,
          hmacOnly: false, call: node, where: algorithmIndex >= 0 ? args[algorithmIndex]! : where });
      }
      return;
    }
    if ((method === 'setSigningKey' || method === 'verifyWith') && args[0]) {
      keys.push({ expression: args[0], api: method, hmacOnly: false, call: node, where });
    }
  }

  /**
   * The algorithm an expression names: `SignatureAlgorithm.HS256`, `Jwts.SIG.HS256`,
   * `JWSAlgorithm.HS256`, `SignatureAlgorithm.forName("HS256")`, or a constant holding one.
   */
  algorithmName(node: SyntaxNode, depth = 0): string | undefined {
    const expression = unwrap(node);
    if (expression.type === 'field_access') {
      const object = this.text(field(expression, 'object')!).replace(/\s+/g, '');
      const name = this.text(field(expression, 'field')!);
      if (/^(io\.jsonwebtoken\.)?SignatureAlgorithm$|^Jwts\.SIG$|^JWSAlgorithm$/.test(object)) return name;
    }
    if (expression.type === 'method_invocation' && this.text(field(expression, 'name')!) === 'forName') {
      return this.facts.values.resolveString(argumentsOf(expression)[0]);
    }
    if (expression.type === 'identifier' && depth < 3) {
      const declaration = this.facts.classes.declarationOf(expression, this.facts.syntax);
      const initializer = declaration && !declaration.reassigned ? declaration.initializer : undefined;
      if (initializer && declaration?.values === this.facts.values) return this.algorithmName(initializer, depth + 1);
    }
    return undefined;
  }
}

function isTerminal(method: string): boolean {
  return method === 'compact' || method === 'sign' || method === 'verify' || method === 'decode' || method === 'parse' ||
    JJWT_VERIFIED.has(method) || JJWT_UNVERIFIED.has(method);
}

export function isHmacAlgorithm(name: string | undefined): boolean {
  return name !== undefined && HMAC_ALGORITHMS.test(name);
}
