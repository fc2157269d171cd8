import type { JsRule } from '../rule.js';
import { algNone } from './alg-none.js';
import { algorithmConfusion } from './algorithm-confusion.js';
import { decodeWithoutVerify } from './decode-without-verify.js';
import { missingAlgorithms } from './missing-algorithms.js';
import { preferAsymmetric } from './prefer-asymmetric.js';

export const ALGORITHMS_RULES: JsRule[] = [algNone, algorithmConfusion, missingAlgorithms, decodeWithoutVerify, preferAsymmetric];
