/**
 * weak-rsa-key (Go): `rsa.GenerateKey(rand.Reader, bits)` and `rsa.GenerateMultiPrimeKey(rand.Reader, n, bits)`
 * of crypto/rsa (any import alias) with fewer than 2048 bits; the size is resolved like any
 * value (constants of the package included) and reported at its literal.
 */
import type { GoFacts } from '../../analyze/go/facts.js';
import { argumentsOf, calleeLabel } from '../../analyze/go/libraries.js';
import { field } from '../../analyze/tree/syntax.js';
import type { TreeRule } from '../tree-rule.js';

const MIN_BITS = 2048;
const SIZE_ARGUMENT: Record<string, number> = { GenerateKey: 1, GenerateMultiPrimeKey: 2 };

export const weakRsaKey: TreeRule<GoFacts> = {
  id: 'weak-rsa-key',
  fix: 'Generate RSA keys of at least 2048 bits (3072 for long-lived keys), or use ES256/EdDSA.',
  create(context) {
    const { facts } = context;
    return {
      nodes: {
        call_expression(node) {
          const callee = field(node, 'function');
          const reference = facts.packageMember(callee);
          const index = reference?.path === 'crypto/rsa' ? SIZE_ARGUMENT[reference.member] : undefined;
          if (index === undefined || !callee) return;
          const bits = facts.resolve(argumentsOf(node)[index]);
          if (bits?.kind !== 'number' || !(bits.value > 0) || bits.value >= MIN_BITS) return;
          const api = calleeLabel(callee, facts);
          const elsewhere = bits.file !== facts.syntax || bits.node.start < node.start || bits.node.end > node.end;
          context.report({
            node: bits.node,
            in: bits.file,
            message: `${api} generates an RSA key with a ${bits.value}-bit modulus; RSA keys for signing tokens need at least ${MIN_BITS} bits`,
            related: elsewhere ? [{ file: facts.syntax.file, range: facts.syntax.range(node), message: 'key pair generated here' }] : undefined,
          });
        },
      },
    };
  },
};
