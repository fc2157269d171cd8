/**
 * HMAC checks per second: the cost of trying one candidate secret against one JWT literal,
 * as the cracking stage does it (createHmac over the signing input, then a constant-time
 * compare). Run: node bench/hmac-rate.mjs [candidates]
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const count = Number(process.argv[2] ?? 200_000);
const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
const candidates = Array.from({ length: count }, (_, i) => `candidate-secret-${i}`);

for (const [alg, hash] of [['HS256', 'sha256'], ['HS384', 'sha384'], ['HS512', 'sha512']]) {
  const signingInput = `${part({ alg, typ: 'JWT' })}.${part({ sub: '1234567890', name: 'Demo', iat: 1516239022 })}`;
  const signature = createHmac(hash, randomBytes(32)).update(signingInput).digest();
  const started = performance.now();
  let matches = 0;
  for (const secret of candidates) {
    const digest = createHmac(hash, secret).update(signingInput).digest();
    if (timingSafeEqual(digest, signature)) matches++;
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`${alg}: ${Math.round(count / seconds).toLocaleString('en-US')} checks/s (${count} candidates, ${matches} matches)`);
}
