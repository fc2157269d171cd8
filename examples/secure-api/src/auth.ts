import { readFileSync } from 'node:fs';
import jwt from 'jsonwebtoken';

const privateKey = readFileSync(process.env.JWT_PRIVATE_KEY_PATH ?? '/run/secrets/jwt_private_key.pem');
const publicKey = readFileSync(process.env.JWT_PUBLIC_KEY_PATH ?? '/run/secrets/jwt_public_key.pem');

export function issueToken(userId: string): string {
  return jwt.sign({ sub: userId }, privateKey, {
    algorithm: 'RS256',
    expiresIn: '15m',
    issuer: 'https://auth.example.com',
    audience: 'https://api.example.com',
  });
}

export function verifyToken(token: string) {
  return jwt.verify(token, publicKey, {
    algorithms: ['RS256'],
    issuer: 'https://auth.example.com',
    audience: 'https://api.example.com',
    clockTolerance: 30,
  });
}
