/** The config front end's readers: each format becomes entries whose offsets point at the value as written. */
import { describe, expect, it } from 'vitest';
import { readDockerfile } from '../src/analyze/config/dockerfile.js';
import { readDotenv } from '../src/analyze/config/dotenv.js';
import { readProperties } from '../src/analyze/config/properties.js';
import { readShell } from '../src/analyze/config/shell.js';
import { readYaml } from '../src/analyze/config/yaml.js';
import type { ConfigEntry } from '../src/analyze/config/entries.js';

/** Each entry as `key=value`, checked against the text its offsets point at. */
function summarise(text: string, entries: ConfigEntry[]): string[] {
  return entries.map((entry) => {
    const written = text.slice(entry.start, entry.end);
    expect(written, entry.key).toBe(entry.written ?? entry.value.replace(/\n/g, written.includes('\\n') ? '\\n' : '\n'));
    return `${entry.key}=${entry.value}${entry.literal ? '' : ' (not literal)'}${entry.fallback ? ` [default ${entry.fallback.value}]` : ''}`;
  });
}

describe('dotenv reader', () => {
  it('reads quotes, export, inline comments, references and defaults', () => {
    const text = 'export A="x y" # note\nB=\'$literal\'\nC=plain value # comment\nD=${JWT_SECRET}\nE=${JWT_SECRET:-dev}\nF=a#b\nG=\n';
    expect(summarise(text, readDotenv(text))).toEqual([
      'A=x y', 'B=$literal', 'C=plain value', 'D=${JWT_SECRET} (not literal)', 'E=${JWT_SECRET:-dev} (not literal) [default dev]',
      'F=a#b', 'G=',
    ]);
  });

  it('reads a double-quoted value over several lines', () => {
    const text = 'K="-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----"\nNEXT=1\n';
    const entries = readDotenv(text);
    expect(entries.map((entry) => entry.key)).toEqual(['K', 'NEXT']);
    expect(entries[0]!.value).toContain('MIIE');
  });
});

describe('properties reader', () => {
  it('reads separators, comments, continuations and Spring defaults', () => {
    const text = '# c\n! c\na.b=1\nc.d: two\ne.f three\ng=${JWT_SECRET:dev-secret}\nlong=ab\\\n    cd\n';
    const entries = readProperties(text);
    expect(entries.map((entry) => `${entry.key}=${entry.value}`)).toEqual(['a.b=1', 'c.d=two', 'e.f=three',
      'g=${JWT_SECRET:dev-secret}', 'long=abcd']);
    const fallback = entries[3]!.fallback!;
    expect(text.slice(fallback.start, fallback.end)).toBe('dev-secret');
  });
});

describe('YAML and JSON reader', () => {
  it('uses dotted paths, and variable names in compose environment maps and lists', () => {
    const text = 'jwt:\n  secret: "abc"\nservices:\n  api:\n    environment:\n      A: ${A:-x}\n    args:\n      - B=two\n';
    expect(summarise(text, readYaml(text, 'shell'))).toEqual(['jwt.secret=abc', 'A=${A:-x} (not literal) [default x]', 'B=two']);
  });

  it('reads every document, container env values (not valueFrom) and decoded Secret data', () => {
    const secret = Buffer.from('s3cret').toString('base64');
    const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: api\ndata:\n  JWT_SECRET: ${secret}\n---\n` +
      'spec:\n  containers:\n    - name: api\n      env:\n        - name: JWT_SECRET\n          value: lit\n' +
      '        - name: OTHER\n          valueFrom:\n            secretKeyRef: { name: api, key: JWT_SECRET }\n';
    const entries = readYaml(text, 'any');
    expect(summarise(text, entries)).toContain('JWT_SECRET=s3cret');
    expect(entries.find((entry) => entry.value === 's3cret')?.scope).toBe('api');
    expect(summarise(text, entries)).toContain('JWT_SECRET=lit');
    expect(entries.some((entry) => entry.key === 'OTHER')).toBe(false);
  });

  it('reads sequences as items and skips documents with syntax errors', () => {
    const text = 'jwt:\n  algorithms: [HS256, "RS256"]\n';
    expect(readYaml(text, 'any')[0]!.items!.map((item) => text.slice(item.start, item.end))).toEqual(['HS256', 'RS256']);
    expect(readYaml('a: {{ .Values.secret }}\n  b: [\n', 'any')).toEqual([]);
  });

  it('reads JSON with positions', () => {
    const text = '{\n  "auth": { "jwtSecret": "abc", "n": 5 }\n}\n';
    expect(summarise(text, readYaml(text, 'any'))).toEqual(['auth.jwtSecret=abc', 'auth.n=5']);
  });
});

describe('shell reader', () => {
  it('reads assignments, NAME=value arguments and command words', async () => {
    const text = 'export A="lit"\nB=\'raw\' node app.js\nC="$(cat f)"\nD="${JWT_SECRET:-dev}"\n' +
      'docker run -e E=five --env-file x img\nkubectl create secret generic s --from-literal=F=six\nopenssl genrsa -out k.pem "$BITS"\n';
    const { entries, commands } = await readShell(text);
    expect(summarise(text, entries)).toEqual(['A=lit', 'B=raw', 'C=$(cat f) (not literal)',
      'D=${JWT_SECRET:-dev} (not literal) [default dev]', 'E=five', 'F=six']);
    const openssl = commands.find((command) => command.name === 'openssl')!;
    expect(openssl.args.map((arg) => arg.text)).toEqual(['genrsa', '-out', 'k.pem', undefined]);
  });
});

describe('Dockerfile reader', () => {
  it('reads ENV pairs, the legacy ENV form, ARG defaults and openssl in RUN lines', async () => {
    const text = 'FROM node\nENV A=1 B="two words" C=${C:-dev}\nENV LEGACY value with spaces\nARG D=four\n' +
      'RUN apk add openssl && \\\n    openssl genrsa -out k.pem 1024\n';
    const { entries, commands } = await readDockerfile(text);
    expect(summarise(text, entries)).toEqual(['A=1', 'B=two words', 'C=${C:-dev} (not literal) [default dev]',
      'LEGACY=value with spaces', 'D=four']);
    const size = commands.find((command) => command.name === 'openssl')!.args.at(-1)!;
    expect(text.slice(size.start, size.end)).toBe('1024');
  });
});
