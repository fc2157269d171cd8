/**
 * weak-rsa-key (Java): RSA key pairs generated under 2048 bits: `KeyPairGenerator.getInstance("RSA")`
 * then `initialize(1024)` (or `new RSAKeyGenParameterSpec(1024, ...)`), Nimbus
 * `new RSAKeyGenerator(1024)`, jjwt's old `RsaProvider.generateKeyPair(1024)`.
 */
import type { JavaFacts } from '../../analyze/java/facts.js';
import { argumentsOf, unwrap } from '../../analyze/java/values.js';
import type { SyntaxNode } from '../../analyze/tree/parser.js';
import { field } from '../../analyze/tree/syntax.js';
import type { TreeRule } from '../tree-rule.js';

const MIN_BITS = 2048;

export const weakRsaKey: TreeRule<JavaFacts> = {
  id: 'weak-rsa-key',
  fix: 'Generate RSA keys of at least 2048 bits (3072 for long-lived keys), or use ES256/EdDSA.',
  create(context) {
    const { facts, syntax } = context;
    const check = (bitsNode: SyntaxNode | undefined, api: string): void => {
      if (!bitsNode) return;
      let argument = unwrap(bitsNode);
      if (argument.type === 'object_creation_expression' && syntax.textOf(field(argument, 'type') ?? argument) === 'RSAKeyGenParameterSpec') {
        const [inner] = argumentsOf(argument);
        if (!inner) return;
        argument = inner;
      }
      const bits = facts.values.numberOf(facts.values.resolve(argument));
      if (bits === undefined || !(bits > 0) || bits >= MIN_BITS) return;
      context.report({
        node: argument,
        message: `${api} generates an RSA key with a ${bits}-bit modulus; RSA keys for signing tokens need at least ${MIN_BITS} bits`,
      });
    };
    return {
      nodes: {
        method_invocation(node) {
          const name = syntax.textOf(field(node, 'name')!);
          const object = field(node, 'object');
          if (!object) return;
          const args = argumentsOf(node);
          if (name === 'initialize') {
            const algorithm = generatorAlgorithm(object, facts);
            if (algorithm !== undefined && /^RSA/i.test(algorithm)) check(args[0], `KeyPairGenerator.getInstance("${algorithm}").initialize`);
          } else if (name === 'generateKeyPair' && syntax.textOf(object) === 'RsaProvider') {
            check(args[0], 'RsaProvider.generateKeyPair');
          }
        },
        object_creation_expression(node) {
          if (syntax.textOf(field(node, 'type') ?? node) === 'RSAKeyGenerator') check(argumentsOf(node)[0], 'new RSAKeyGenerator');
        },
      },
    };
  },
};

/** The algorithm of `KeyPairGenerator.getInstance("RSA")`, directly or through the variable holding it. */
function generatorAlgorithm(receiver: SyntaxNode, facts: JavaFacts): string | undefined {
  let expression = unwrap(receiver);
  if (expression.type === 'identifier' || expression.type === 'field_access') {
    const declaration = expression.type === 'identifier'
      ? facts.classes.declarationOf(expression, facts.syntax)
      : facts.classes.fieldInEnclosingClass(expression, facts.syntax.textOf(field(expression, 'field')!));
    const initializer = declaration?.initializer ?? declaration?.assignedOnce;
    if (!initializer || declaration?.values !== facts.values) return undefined;
    expression = unwrap(initializer);
  }
  if (expression.type !== 'method_invocation') return undefined;
  const object = field(expression, 'object');
  if (!object || !/KeyPairGenerator$/.test(facts.syntax.textOf(object)) || facts.syntax.textOf(field(expression, 'name')!) !== 'getInstance') {
    return undefined;
  }
  return facts.values.resolveString(argumentsOf(expression)[0]);
}
