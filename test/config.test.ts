import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ConfigError,
  applyRuleSelection,
  closestMatch,
  defaultConfig,
  findConfigFile,
  loadConfig,
  type KnownRule,
} from '../src/config.js';

const KNOWN: Map<string, KnownRule> = new Map(
  [
    { id: 'weak-secret', severity: 'critical', defaultEnabled: true, options: {} },
    { id: 'hardcoded-secret', severity: 'high', defaultEnabled: true, options: {} },
    { id: 'prefer-asymmetric', severity: 'note', defaultEnabled: false, options: {} },
    {
      id: 'long-expiration',
      severity: 'medium',
      defaultEnabled: true,
      options: {
        maxAccessTokenSeconds: { type: 'number', default: 3600, description: 'access token limit' },
        maxRefreshTokenSeconds: { type: 'number', default: 1_209_600, description: 'refresh token limit' },
        refreshNames: { type: 'string[]', default: ['refresh'], description: 'names of refresh tokens' },
        strict: { type: 'boolean', default: false, description: 'strict mode' },
      },
    },
  ].map((rule) => [rule.id, rule as KnownRule]),
);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'jwt-lint-config-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, content: unknown): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('defaultConfig', () => {
  it('has one entry per known rule with default severity, state and options', () => {
    const config = defaultConfig(KNOWN);
    expect([...config.rules.keys()]).toEqual([...KNOWN.keys()]);
    expect(config.rules.get('weak-secret')).toEqual({ enabled: true, severity: 'critical', options: {} });
    expect(config.rules.get('prefer-asymmetric')?.enabled).toBe(false);
    expect(config.rules.get('long-expiration')?.options).toEqual({
      maxAccessTokenSeconds: 3600,
      maxRefreshTokenSeconds: 1_209_600,
      refreshNames: ['refresh'],
      strict: false,
    });
    expect(config.testSeverity).toBe('low');
    expect(config.ignore).toEqual([]);
    expect(config.source).toBeUndefined();
  });

  it('does not share option arrays with the rule metadata', () => {
    const config = defaultConfig(KNOWN);
    (config.rules.get('long-expiration')!.options.refreshNames as string[]).push('x');
    expect(KNOWN.get('long-expiration')!.options.refreshNames!.default).toEqual(['refresh']);
  });
});

describe('loadConfig', () => {
  it('resolves rule levels, options and top-level settings', () => {
    const path = write('.jwtlintrc.json', {
      $schema: 'https://example.com/schema.json',
      rules: {
        'weak-secret': 'off',
        'hardcoded-secret': 'medium',
        'prefer-asymmetric': 'on',
        'long-expiration': { severity: 'high', options: { maxAccessTokenSeconds: 900, refreshNames: ['rt'] } },
      },
      ignore: ['legacy/**'],
      testSeverity: 'note',
      failOn: 'none',
      minSeverity: 'medium',
      maxFileSize: 2048,
    });
    const config = loadConfig(path, KNOWN);
    expect(config.source).toBe(path);
    expect(config.rules.get('weak-secret')?.enabled).toBe(false);
    expect(config.rules.get('hardcoded-secret')).toMatchObject({ enabled: true, severity: 'medium' });
    expect(config.rules.get('prefer-asymmetric')).toMatchObject({ enabled: true, severity: 'note' });
    expect(config.rules.get('long-expiration')).toEqual({
      enabled: true,
      severity: 'high',
      options: { maxAccessTokenSeconds: 900, maxRefreshTokenSeconds: 1_209_600, refreshNames: ['rt'], strict: false },
    });
    expect(config).toMatchObject({
      ignore: ['legacy/**'],
      testSeverity: 'note',
      failOn: 'none',
      minSeverity: 'medium',
      maxFileSize: 2048,
    });
  });

  it('treats the object form as enabling, unless its severity is "off"', () => {
    const path = write('.jwtlintrc.json', {
      rules: { 'prefer-asymmetric': {}, 'weak-secret': { severity: 'off', options: {} } },
    });
    const config = loadConfig(path, KNOWN);
    expect(config.rules.get('prefer-asymmetric')?.enabled).toBe(true);
    expect(config.rules.get('weak-secret')?.enabled).toBe(false);
  });

  it('reads the "jwt-lint" key of package.json and prefixes key paths with it', () => {
    const path = write('package.json', { name: 'app', 'jwt-lint': { rules: { 'weak-secret': 'low' } } });
    expect(loadConfig(path, KNOWN).rules.get('weak-secret')?.severity).toBe('low');

    const bad = write('sub/package.json', { 'jwt-lint': { rules: { 'weak-secrt': 'low' } } });
    expect(errorOf(() => loadConfig(bad, KNOWN))).toMatch(/package\.json: "jwt-lint"\.rules\["weak-secrt"\]: unknown rule id/);
  });

  it('rejects a package.json without the "jwt-lint" key', () => {
    const path = write('package.json', { name: 'app' });
    expect(errorOf(() => loadConfig(path, KNOWN))).toMatch(/package\.json: has no "jwt-lint" key/);
  });

  it('accepts a UTF-8 byte order mark', () => {
    const path = write('.jwtlintrc.json', '\uFEFF{"failOn": "high"}');
    expect(loadConfig(path, KNOWN).failOn).toBe('high');
  });

  describe('errors name the file and the key path', () => {
    const cases: Array<[string, unknown, RegExp]> = [
      ['unknown rule with suggestion', { rules: { 'weak-secrt': 'on' } }, /^\S*\.jwtlintrc\.json: rules\["weak-secrt"\]: unknown rule id \(did you mean "weak-secret"\?\)$/],
      ['unknown rule without suggestion', { rules: { 'totally-different': 'on' } }, /rules\["totally-different"\]: unknown rule id$/],
      ['wrong option type', { rules: { 'long-expiration': { options: { maxAccessTokenSeconds: '1h' } } } }, /rules\["long-expiration"\]\.options\.maxAccessTokenSeconds: expected a number, got "1h"$/],
      ['wrong item type in a string[] option', { rules: { 'long-expiration': { options: { refreshNames: ['a', 3] } } } }, /rules\["long-expiration"\]\.options\.refreshNames\[1\]: expected a string, got 3$/],
      ['boolean option', { rules: { 'long-expiration': { options: { strict: 'yes' } } } }, /options\.strict: expected true or false, got "yes"$/],
      ['unknown option', { rules: { 'long-expiration': { options: { maxAccesTokenSeconds: 1 } } } }, /options\.maxAccesTokenSeconds: unknown option \(did you mean "maxAccessTokenSeconds"\?\)/],
      ['option on a rule without options', { rules: { 'weak-secret': { options: { x: 1 } } } }, /rules\["weak-secret"\]\.options\.x: unknown option; "weak-secret" has no options/],
      ['bad rule level', { rules: { 'weak-secret': 'hgih' } }, /rules\["weak-secret"\]: expected "off", "on" or a severity .*got "hgih" \(did you mean "high"\?\)/],
      ['bad rule entry type', { rules: { 'weak-secret': 3 } }, /rules\["weak-secret"\]: expected "off", "on", a severity or an object, got 3/],
      ['unknown key in a rule entry', { rules: { 'weak-secret': { level: 'high' } } }, /rules\["weak-secret"\]\.level: unknown key; expected "severity" or "options"/],
      ['bad rule severity', { rules: { 'weak-secret': { severity: 'error' } } }, /rules\["weak-secret"\]\.severity: expected "off" or a severity/],
      ['unknown top-level key', { rule: {} }, /\.jwtlintrc\.json: rule: unknown key \(did you mean "rules"\?\)/],
      ['quoted unknown top-level key', { 'fail-on': 'high' }, /\.jwtlintrc\.json: "fail-on": unknown key \(did you mean "failOn"\?\)/],
      ['rules not an object', { rules: ['weak-secret'] }, /: rules: expected an object, got an array$/],
      ['ignore not a string array', { ignore: 'dist' }, /: ignore: expected an array of strings, got "dist"$/],
      ['ignore item', { ignore: ['a', null] }, /: ignore\[1\]: expected a string, got null$/],
      ['testSeverity', { testSeverity: 'loww' }, /: testSeverity: expected a severity .*got "loww" \(did you mean "low"\?\)$/],
      ['failOn', { failOn: 'never' }, /: failOn: expected "none" or a severity/],
      ['minSeverity', { minSeverity: 2 }, /: minSeverity: expected a severity .*got 2$/],
      ['maxFileSize', { maxFileSize: '1MB' }, /: maxFileSize: expected a positive whole number of bytes, got "1MB"$/],
      ['$schema', { $schema: 1 }, /: \$schema: expected a string, got 1$/],
      ['top level not an object', [1], /\.jwtlintrc\.json: expected an object, got an array$/],
    ];
    for (const [name, content, pattern] of cases) {
      it(name, () => {
        const path = write('.jwtlintrc.json', content);
        expect(errorOf(() => loadConfig(path, KNOWN))).toMatch(pattern);
      });
    }
  });

  it('reports invalid JSON with line and column', () => {
    const path = write('jwt-lint.config.json', '{\n  "rules": {\n    "weak-secret": "off",\n  }\n}\n');
    expect(errorOf(() => loadConfig(path, KNOWN))).toMatch(/jwt-lint\.config\.json: invalid JSON at line 4 column 3: \S/);
  });

  it('locates JSON errors the engine reports without a position', () => {
    const path = write('.jwtlintrc.json', '{\n  "failOn": tru\n}');
    const message = errorOf(() => loadConfig(path, KNOWN));
    expect(message).toMatch(/invalid JSON at line 2 column 13: /);
    expect(message).not.toMatch(/is not valid JSON/);
  });

  it('reports truncated JSON at its end', () => {
    const path = write('.jwtlintrc.json', '{\n  "failOn": "high"');
    expect(errorOf(() => loadConfig(path, KNOWN))).toMatch(/invalid JSON at line 2 column 19: \S/);
    const noPosition = write('other.json', '{"failOn":');
    expect(errorOf(() => loadConfig(noPosition, KNOWN))).toMatch(/invalid JSON at line 1 column 11: \S/);
  });

  it('reports an unreadable path', () => {
    expect(errorOf(() => loadConfig(join(dir, 'missing.json'), KNOWN))).toMatch(/missing\.json: cannot read config file/);
  });

  it('never executes the config', () => {
    const path = write('.jwtlintrc.json', '{"rules": {"weak-secret": "off"}, "__proto__": {"polluted": true}}');
    expect(errorOf(() => loadConfig(path, KNOWN))).toMatch(/\.jwtlintrc\.json: __proto__: unknown key/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('findConfigFile', () => {
  it('searches upward and prefers .jwtlintrc.json over jwt-lint.config.json', () => {
    write('jwt-lint.config.json', {});
    const deep = join(dir, 'a', 'b', 'c');
    mkdirSync(deep, { recursive: true });
    expect(findConfigFile(deep)).toBe(join(dir, 'jwt-lint.config.json'));
    const rc = write('.jwtlintrc.json', {});
    expect(findConfigFile(deep)).toBe(rc);
  });

  it('starts from the directory of a file target', () => {
    const rc = write('a/.jwtlintrc.json', {});
    const file = write('a/src/index.ts', 'export {}');
    expect(findConfigFile(file)).toBe(rc);
  });

  it('skips a package.json without a "jwt-lint" key and finds one with it', () => {
    const withKey = write('package.json', { name: 'root', 'jwt-lint': {} });
    write('pkg/package.json', { name: 'inner', description: 'mentions "jwt-lint" in text only' });
    mkdirSync(join(dir, 'pkg', 'src'));
    expect(findConfigFile(join(dir, 'pkg', 'src'))).toBe(withKey);
  });

  it('skips a broken package.json', () => {
    const rc = write('.jwtlintrc.json', {});
    write('pkg/package.json', '{ "jwt-lint": ');
    expect(findConfigFile(join(dir, 'pkg'))).toBe(rc);
  });

  // Meaningful only when no ancestor of the temp directory holds a config.
  it.skipIf(findConfigFile(tmpdir()) !== undefined)('returns undefined when nothing is found up to the filesystem root', () => {
    const nested = join(dir, 'x');
    mkdirSync(nested);
    expect(findConfigFile(nested)).toBeUndefined();
  });
});

describe('applyRuleSelection', () => {
  it('--rule keeps only the named rules, including default-disabled ones', () => {
    const selected = applyRuleSelection(defaultConfig(KNOWN), { only: ['prefer-asymmetric,weak-secret'] }, KNOWN);
    const enabled = [...selected.rules].filter(([, rule]) => rule.enabled).map(([id]) => id);
    expect(enabled).toEqual(['weak-secret', 'prefer-asymmetric']);
  });

  it('--disable turns rules off and wins over --rule; the input config is unchanged', () => {
    const config = defaultConfig(KNOWN);
    const selected = applyRuleSelection(config, { only: ['weak-secret'], disable: ['weak-secret', 'hardcoded-secret'] }, KNOWN);
    expect([...selected.rules.values()].every((rule) => !rule.enabled)).toBe(true);
    expect(config.rules.get('weak-secret')?.enabled).toBe(true);
  });

  it('keeps configured severities and options', () => {
    const path = write('.jwtlintrc.json', { rules: { 'long-expiration': { severity: 'low', options: { strict: true } } } });
    const selected = applyRuleSelection(loadConfig(path, KNOWN), { disable: ['weak-secret'] }, KNOWN);
    expect(selected.rules.get('long-expiration')).toMatchObject({ enabled: true, severity: 'low', options: { strict: true } });
    expect(selected.source).toBe(path);
  });

  it('names the flag of an unknown id', () => {
    expect(errorOf(() => applyRuleSelection(defaultConfig(KNOWN), { only: ['weak-secrt'] }, KNOWN))).toBe(
      '--rule "weak-secrt": unknown rule id (did you mean "weak-secret"?)',
    );
    expect(errorOf(() => applyRuleSelection(defaultConfig(KNOWN), { disable: ['nope-nope-nope'] }, KNOWN))).toBe(
      '--disable "nope-nope-nope": unknown rule id',
    );
  });
});

describe('closestMatch', () => {
  it('returns the nearest candidate within distance 3', () => {
    expect(closestMatch('alg-non', ['alg-none', 'weak-secret'])).toBe('alg-none');
    expect(closestMatch('WEAK-SECRET', ['alg-none', 'weak-secret'])).toBe('weak-secret');
    expect(closestMatch('completely-unrelated', ['alg-none', 'weak-secret'])).toBeUndefined();
  });
});
