/**
 * weak-rsa-key (Python): RSA keys under 2048 bits: PyCryptodome `RSA.generate(bits)`,
 * cryptography `rsa.generate_private_key(public_exponent=..., key_size=bits)`, python-rsa
 * `rsa.newkeys(bits)` and jwcrypto `JWK.generate(kty="RSA", size=bits)`. The size is
 * resolved like any value and reported at its literal.
 */
import type { PythonFacts } from '../../analyze/python/facts.js';
import { argumentsOf } from '../../analyze/python/syntax.js';
import { descendants, field } from '../../analyze/tree/syntax.js';
import type { TreeRule } from '../tree-rule.js';
import { at, relatedAt } from './shared.js';

const MIN_BITS = 2048;

export const weakRsaKey: TreeRule<PythonFacts> = {
  id: 'weak-rsa-key',
  fix: 'Generate RSA keys of at least 2048 bits (3072 for long-lived keys), or use ES256/EdDSA.',
  create(context) {
    const facts = context.facts;
    return {
      end() {
        for (const call of descendants(context.syntax.root, 'call')) {
          const callee = field(call, 'function');
          const qualified = facts.qualify(callee);
          if (!callee || !qualified) continue;
          const args = argumentsOf(context.syntax, call);
          let bitsNode;
          if (/^(Crypto|Cryptodome)\.PublicKey\.RSA\.generate$/.test(qualified)) bitsNode = args.positional[0] ?? args.keywords.get('bits');
          else if (qualified === 'cryptography.hazmat.primitives.asymmetric.rsa.generate_private_key') {
            bitsNode = args.keywords.get('key_size') ?? args.positional[1];
          } else if (qualified === 'rsa.newkeys') bitsNode = args.positional[0] ?? args.keywords.get('nbits');
          else if (qualified === 'jwcrypto.jwk.JWK.generate' && facts.string(args.keywords.get('kty')) === 'RSA') {
            bitsNode = args.keywords.get('size');
          }
          const bits = facts.value(bitsNode);
          if (bits?.kind !== 'number' || !(bits.value > 0) || bits.value >= MIN_BITS) continue;
          const api = context.syntax.textOf(callee);
          const inCall = bits.at.facts === facts && bits.at.node.start >= call.start && bits.at.node.end <= call.end;
          context.report({
            ...at(context, bits.at),
            message: `${api} generates an RSA key with a ${bits.value}-bit modulus; RSA keys for signing tokens need at least ${MIN_BITS} bits`,
            related: inCall ? undefined : [relatedAt({ node: call, facts }, 'key pair generated here')],
          });
        }
      },
    };
  },
};
