/**
 * golang-jwt (v3, v4, v5) and dgrijalva/jwt-go calls of one file, recognised through the
 * file's imports (any alias): verification (`jwt.Parse`, `jwt.ParseWithClaims`, `Parse*` on
 * a parser from `jwt.NewParser(...)`, `jwt.Parser{...}` or `new(jwt.Parser)`), unverified
 * parsing (`ParseUnverified`), token creation (`jwt.New`, `jwt.NewWithClaims`) and signing
 * (`SignedString`). Parser options (`jwt.WithValidMethods(...)`, v4 `Parser` struct fields)
 * are collected from the call and from the parser it runs on.
 */
import type { SyntaxNode } from '../tree/parser.js';
import { descendants, field, namedChildren } from '../tree/syntax.js';
import type { GoFacts, JwtVersion } from './facts.js';

export interface ParserOption {
  /** `WithValidMethods`, `WithLeeway`, ...; v4 struct fields are named like the v5 options (`ValidMethods` -> `WithValidMethods`). */
  name: string;
  /** The option call, or the struct field (`SkipClaimsValidation: true`). */
  node: SyntaxNode;
  /** The option's arguments (a struct field's value). */
  args: SyntaxNode[];
  /** The file the option is written in. */
  facts: GoFacts;
}

export interface ParseCall {
  node: SyntaxNode;
  callee: SyntaxNode;
  /** The callee as written, shortened: `jwt.Parse`, `parser.ParseWithClaims`. */
  api: string;
  version: JwtVersion;
  unverified: boolean;
  token?: SyntaxNode;
  claims?: SyntaxNode;
  keyfunc?: SyntaxNode;
  /** Every option of the call and its parser; undefined when some cannot be read (`opts...`, a parser built elsewhere). */
  options: ParserOption[] | undefined;
}

export interface SignCall {
  /** The `jwt.New`/`jwt.NewWithClaims` call. */
  node: SyntaxNode;
  api: string;
  version: JwtVersion;
  method?: SyntaxNode;
  claims?: SyntaxNode;
}

export interface KeyUse {
  /** The expression passed or returned as the key. */
  key: SyntaxNode;
  /** `token.SignedString`, `jwt.Parse keyfunc`. */
  api: string;
  facts: GoFacts;
}

const STRUCT_OPTIONS: Record<string, string> = {
  ValidMethods: 'WithValidMethods',
  SkipClaimsValidation: 'WithoutClaimsValidation',
  UseJSONNumber: 'WithJSONNumber',
};

export class JwtCalls {
  readonly parses: ParseCall[] = [];
  readonly signs: SignCall[] = [];
  /** `X.SignedString(key)` calls, with their key. */
  readonly signedStrings: { node: SyntaxNode; api: string; key: SyntaxNode; token: SyntaxNode }[] = [];

  constructor(private readonly facts: GoFacts) {}

  /** Walks the file once; called by GoFacts after memoising this object, so lookups from other files see it. */
  collect(): void {
    if (!this.facts.importsJwt) return;
    for (const call of descendants(this.facts.syntax.root, 'call_expression')) this.recognise(call);
  }

  private recognise(call: SyntaxNode): void {
    const { facts } = this;
    const callee = field(call, 'function');
    if (callee?.type !== 'selector_expression') return;
    const args = argumentsOf(call);
    const method = facts.textOf(field(callee, 'field')!);
    const direct = facts.jwtReference(callee);
    const api = calleeLabel(callee, facts);
    if (direct) {
      if (direct.member === 'Parse' || direct.member === 'ParseWithClaims') {
        const withClaims = direct.member === 'ParseWithClaims';
        const rest = args.slice(withClaims ? 3 : 2);
        this.parses.push({
          node: call, callee, api, version: direct.version, unverified: false,
          token: args[0], claims: withClaims ? args[1] : undefined, keyfunc: args[withClaims ? 2 : 1],
          options: this.optionList(rest),
        });
      } else if (direct.member === 'New' || direct.member === 'NewWithClaims') {
        this.signs.push({ node: call, api, version: direct.version, method: args[0], claims: direct.member === 'NewWithClaims' ? args[1] : undefined });
      }
      return;
    }
    const operand = field(callee, 'operand');
    if (!operand) return;
    if (method === 'SignedString' && args.length === 1) {
      this.signedStrings.push({ node: call, api, key: args[0]!, token: operand });
      return;
    }
    if (method !== 'Parse' && method !== 'ParseWithClaims' && method !== 'ParseUnverified') return;
    const parser = this.parserOf(operand);
    if (!parser) {
      // ParseUnverified is golang-jwt's name; on a parser jwt-lint cannot see, it is still unverified.
      if (method === 'ParseUnverified') {
        this.parses.push({ node: call, callee, api, version: this.anyVersion(), unverified: true, token: args[0], claims: args[1], options: undefined });
      }
      return;
    }
    const withClaims = method === 'ParseWithClaims' || method === 'ParseUnverified';
    this.parses.push({
      node: call, callee, api, version: parser.version, unverified: method === 'ParseUnverified',
      token: args[0], claims: withClaims ? args[1] : undefined,
      keyfunc: method === 'ParseUnverified' ? undefined : args[withClaims ? 2 : 1],
      options: parser.options && this.mergeOptions(parser.options, this.optionList(args.slice(withClaims ? 3 : 2))),
    });
  }

  private anyVersion(): JwtVersion {
    for (const path of this.facts.imports.values()) {
      if (path.endsWith('/v5')) return 'v5';
    }
    return 'v4';
  }

  private mergeOptions(a: ParserOption[] | undefined, b: ParserOption[] | undefined): ParserOption[] | undefined {
    return a && b ? [...a, ...b] : undefined;
  }

  /** Options passed as arguments: each an option call (directly or through a variable); `opts...` is unreadable. */
  optionList(args: SyntaxNode[]): ParserOption[] | undefined {
    const options: ParserOption[] = [];
    for (const arg of args) {
      if (arg.type === 'variadic_argument') return undefined;
      const found = this.facts.expressionBehind(arg);
      if (!found || found.node.type !== 'call_expression') return undefined;
      const reference = found.facts.jwtReference(field(found.node, 'function'));
      if (!reference) return undefined;
      options.push({ name: reference.member, node: found.node, args: argumentsOf(found.node), facts: found.facts });
    }
    return options;
  }

  /** The parser a `Parse*` method runs on, with its options; undefined when it is not a JWT parser. */
  private parserOf(receiver: SyntaxNode): { version: JwtVersion; options: ParserOption[] | undefined } | undefined {
    const found = this.facts.expressionBehind(receiver);
    if (!found) return undefined;
    const { node, facts } = found;
    if (node.type === 'call_expression') {
      const callee = field(node, 'function');
      const reference = facts.jwtReference(callee);
      if (reference?.member === 'NewParser') return { version: reference.version, options: facts.jwt.optionList(argumentsOf(node)) };
      if (callee?.type === 'identifier' && facts.textOf(callee) === 'new') {
        const type = facts.jwtReference(argumentsOf(node)[0]);
        if (type?.member === 'Parser') return { version: type.version, options: [] };
      }
      return undefined;
    }
    if (node.type === 'composite_literal') {
      const type = facts.jwtReference(field(node, 'type'));
      if (type?.member !== 'Parser') return undefined;
      const options: ParserOption[] = [];
      for (const element of namedChildren(field(node, 'body') ?? node)) {
        if (element.type !== 'keyed_element') return { version: type.version, options: undefined };
        const key = field(element, 'key');
        const value = field(element, 'value');
        const name = key ? STRUCT_OPTIONS[facts.textOf(key)] : undefined;
        if (!name || !value) continue;
        const resolved = facts.resolve(value);
        if (name === 'WithoutClaimsValidation' && !(resolved?.kind === 'bool' && resolved.value)) continue;
        options.push({ name, node: element, args: [value], facts });
      }
      return { version: type.version, options };
    }
    return undefined;
  }
}

export function argumentsOf(call: SyntaxNode): SyntaxNode[] {
  const list = field(call, 'arguments');
  return list ? namedChildren(list) : [];
}

/** A callee for a message, arguments of inner calls elided: `jwt.NewWithClaims(…).SignedString`. */
export function calleeLabel(callee: SyntaxNode, facts: GoFacts): string {
  let text = '';
  let at = callee.start;
  for (const list of descendants(callee, 'argument_list')) {
    if (list.start < at) continue;
    text += facts.syntax.text.slice(at, list.start) + '(…)';
    at = list.end;
  }
  text += facts.syntax.text.slice(at, callee.end);
  return shorten(text);
}

/** A callee for a message: one line, at most 60 characters. */
export function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 60 ? `${oneLine.slice(0, 59)}…` : oneLine;
}
