import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_EXCLUDES,
  TargetError,
  discoverFiles,
  globMatcher,
  type DiscoverOptions,
} from '../src/discover.js';
import { formatBytes, looksBinary, readFileBounded } from '../src/read-file.js';

const MiB = 1024 * 1024;
let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'jwt-lint-discover-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

function tree(files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    const abs = join(root, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}

async function discover(options: Partial<DiscoverOptions> = {}) {
  return discoverFiles({ targets: ['.'], root, useGitignore: true, maxFileSize: MiB, ...options });
}

async function relPaths(options: Partial<DiscoverOptions> = {}): Promise<string[]> {
  return (await discover(options)).files.map((file) => file.relPath);
}

describe('discoverFiles', () => {
  it('lists files sorted by relative path with sizes and absolute paths', async () => {
    tree({ 'src/b.ts': 'bb', 'src/a.ts': 'a', '.env': 'X=1', 'README.md': '# hi' });
    const { files, skipped } = await discover();
    expect(files.map((file) => file.relPath)).toEqual(['.env', 'README.md', 'src/a.ts', 'src/b.ts']);
    expect(files[3]).toEqual({ absPath: join(root, 'src/b.ts'), relPath: 'src/b.ts' });
    expect(skipped).toEqual([]);
  });

  it('applies the default excludes', async () => {
    tree({
      'src/app.ts': '',
      'node_modules/jsonwebtoken/index.js': '',
      'packages/web/node_modules/x/index.js': '',
      'dist/app.js': '',
      'build/app.js': '',
      'coverage/lcov.info': '',
      'vendor/lib.go': '',
      '.git/config': '',
      'public/app.min.js': '',
      'public/app.js.map': '',
      'package-lock.json': '{}',
      'sub/yarn.lock': '',
      'go.sum': '',
    });
    expect(await relPaths()).toEqual(['src/app.ts']);
    expect(DEFAULT_EXCLUDES).toContain('**/node_modules/**');
  });

  it('drops known binary extensions silently', async () => {
    tree({ 'logo.png': Buffer.from([0x89, 0x50]), 'font.WOFF2': '', 'app.ts': '' });
    const { files, skipped } = await discover();
    expect(files.map((file) => file.relPath)).toEqual(['app.ts']);
    expect(skipped).toEqual([]);
  });

  it('honours .gitignore at every level, relative to its own directory', async () => {
    tree({
      '.gitignore': 'secrets.env\n/top-only.ts\n',
      'secrets.env': '',
      'top-only.ts': '',
      'pkg/top-only.ts': '',
      'pkg/.gitignore': 'generated/\n*.local.ts\n!keep.local.ts\n',
      'pkg/generated/token.ts': '',
      'pkg/a.local.ts': '',
      'pkg/keep.local.ts': '',
      'pkg/deep/secrets.env': '',
      'other/a.local.ts': '',
    });
    expect(await relPaths()).toEqual([
      '.gitignore',
      'other/a.local.ts',
      'pkg/.gitignore',
      'pkg/keep.local.ts',
      'pkg/top-only.ts',
    ]);
  });

  it('lets a nested .gitignore re-include what a parent one ignores', async () => {
    tree({ '.gitignore': '*.env\n', 'a/.gitignore': '!config.env\n', 'a/config.env': '', 'b/config.env': '' });
    expect(await relPaths()).toContain('a/config.env');
    expect(await relPaths()).not.toContain('b/config.env');
  });

  it('applies .gitignore files above a subdirectory target, up to the root', async () => {
    tree({ '.gitignore': 'generated/\n', 'src/generated/a.ts': '', 'src/b.ts': '' });
    expect(await relPaths({ targets: ['src'] })).toEqual(['src/b.ts']);
  });

  it('ignores .gitignore with useGitignore false but still honours .jwtlintignore', async () => {
    tree({
      '.gitignore': '*.env\n',
      '.jwtlintignore': 'samples/\n',
      'app.env': '',
      'samples/token.txt': '',
      'src/.jwtlintignore': 'legacy.ts\n',
      'src/legacy.ts': '',
      'src/main.ts': '',
    });
    expect(await relPaths()).toEqual(['.gitignore', '.jwtlintignore', 'src/.jwtlintignore', 'src/main.ts']);
    expect(await relPaths({ useGitignore: false })).toEqual([
      '.gitignore',
      '.jwtlintignore',
      'app.env',
      'src/.jwtlintignore',
      'src/main.ts',
    ]);
  });

  it('restricts to --include globs and removes --exclude and config ignore globs', async () => {
    tree({
      'src/a.ts': '',
      'src/a.spec.ts': '',
      'src/legacy/old.ts': '',
      'scripts/run.py': '',
      'config/app.yml': '',
      'README.md': '',
    });
    expect(await relPaths({ include: ['src/**/*.ts', '**/*.py'] })).toEqual([
      'scripts/run.py',
      'src/a.spec.ts',
      'src/a.ts',
      'src/legacy/old.ts',
    ]);
    expect(await relPaths({ exclude: ['*.spec.ts'], ignore: ['src/legacy'] })).toEqual([
      'README.md',
      'config/app.yml',
      'scripts/run.py',
      'src/a.ts',
    ]);
    expect(await relPaths({ include: ['**/*.{yml,md}'], exclude: ['README.md'] })).toEqual(['config/app.yml']);
  });

  it('scans an explicit file target even when a default exclude or .gitignore matches it', async () => {
    tree({ '.gitignore': '.env\n', '.env': 'JWT_SECRET=x', 'dist/bundle.js': 'x', 'src/a.ts': '' });
    const { files } = await discover({ targets: ['dist/bundle.js', '.env'] });
    expect(files.map((file) => file.relPath)).toEqual(['.env', 'dist/bundle.js']);
  });

  it('records why an explicit file target is left out', async () => {
    tree({ '.jwtlintignore': 'ignored.ts\n', 'ignored.ts': '', 'excluded.ts': '', 'image.png': '' });
    const { files, skipped } = await discover({
      targets: ['ignored.ts', 'excluded.ts', 'image.png'],
      exclude: ['excluded.ts'],
    });
    expect(files).toEqual([]);
    expect(skipped).toEqual([
      { file: 'excluded.ts', reason: 'excluded by --exclude or the config "ignore"' },
      { file: 'ignored.ts', reason: 'ignored by .jwtlintignore' },
      { file: 'image.png', reason: 'binary file type' },
    ]);
  });

  it('leaves the size cap of walked files to reading (no stat per file), and checks an explicit file target', async () => {
    tree({ 'big.js': Buffer.alloc(Math.round(3.4 * MiB), 0x61), 'small.js': 'x' });
    const walked = await discover();
    expect(walked.files.map((file) => file.relPath)).toEqual(['big.js', 'small.js']);
    expect(walked.skipped).toEqual([]);
    const explicit = await discover({ targets: ['big.js', 'small.js'] });
    expect(explicit.files.map((file) => file.relPath)).toEqual(['small.js']);
    expect(explicit.skipped).toEqual([{ file: 'big.js', reason: 'larger than 1 MiB (3.4 MiB)' }]);
  });

  it('throws TargetError for a missing target', async () => {
    await expect(discover({ targets: ['nope'] })).rejects.toThrow(TargetError);
    await expect(discover({ targets: ['src', 'nope/x.ts'] })).rejects.toThrow('path not found: src');
    tree({ 'src/a.ts': '' });
    await expect(discover({ targets: ['src', 'nope/x.ts'] })).rejects.toThrow('path not found: nope/x.ts');
  });

  it('de-duplicates overlapping targets', async () => {
    tree({ 'src/a.ts': '', 'src/lib/b.ts': '' });
    expect(await relPaths({ targets: ['.', 'src', 'src/lib/b.ts', join(root, 'src')] })).toEqual([
      'src/a.ts',
      'src/lib/b.ts',
    ]);
  });

  it('keeps ../ paths for targets outside the root', async () => {
    tree({ 'project/a.ts': '', 'shared/b.ts': '' });
    const { files } = await discoverFiles({
      targets: ['.', '../shared'],
      root: join(root, 'project'),
      useGitignore: true,
      maxFileSize: MiB,
    });
    expect(files.map((file) => file.relPath)).toEqual(['../shared/b.ts', 'a.ts']);
  });

  it('does not follow symbolic links', async () => {
    tree({ 'real/a.ts': '' });
    symlinkSync(join(root, 'real'), join(root, 'loop'));
    symlinkSync(root, join(root, 'real', 'up'));
    expect(await relPaths()).toEqual(['real/a.ts']);
  });

  it.skipIf(process.getuid?.() === 0)('records unreadable files as permission denied', async () => {
    tree({ 'locked.ts': 'x', 'open.ts': 'x' });
    chmodSync(join(root, 'locked.ts'), 0o000);
    const { files, skipped } = await discover();
    expect(files.map((file) => file.relPath)).toEqual(['open.ts']);
    expect(skipped).toEqual([{ file: 'locked.ts', reason: 'permission denied' }]);
  });
});

describe('readFileBounded', () => {
  const patterned = (size: number): Buffer => Buffer.from(Array.from({ length: size }, (_, i) => i % 251));

  it('reads files of every size up to the limit whole, with a small buffer to start from', () => {
    for (const size of [0, 1, 64 * 1024 - 1, 64 * 1024, 64 * 1024 + 1, 200_000, MiB]) {
      tree({ [`f${size}`]: patterned(size) });
      let calls = 0;
      const read = readFileBounded(join(root, `f${size}`), MiB, (wanted) => { calls++; return Buffer.alloc(wanted); });
      expect(read.equals(patterned(size)), `size ${size}`).toBe(true);
      expect(calls, `size ${size}`).toBeGreaterThanOrEqual(1);
    }
  });

  it('refuses a file over the limit with its size, after its first read', () => {
    for (const size of [MiB + 1, 50 * MiB]) {
      tree({ big: Buffer.alloc(size, 0x61) });
      let largest = 0;
      const allocate = (wanted: number): Buffer => { largest = Math.max(largest, wanted); return Buffer.alloc(wanted); };
      expect(() => readFileBounded(join(root, 'big'), MiB, allocate)).toThrow(expect.objectContaining({ code: 'EFBIG', size }));
      expect(largest).toBe(64 * 1024);
    }
    // A limit below the first read: the read itself tells.
    tree({ small: patterned(101) });
    expect(() => readFileBounded(join(root, 'small'), 100)).toThrow(expect.objectContaining({ code: 'EFBIG', size: 101 }));
    expect(readFileBounded(join(root, 'small'), 101).length).toBe(101);
  });

  it('refuses a directory in place of a file', () => {
    mkdirSync(join(root, 'dir'));
    expect(() => readFileBounded(join(root, 'dir'), MiB)).toThrow(expect.objectContaining({ code: 'ENOTREG' }));
  });
});

describe('looksBinary', () => {
  it('detects a NUL byte in the first 8000 bytes only', () => {
    expect(looksBinary(Buffer.from('const a = 1;\n'))).toBe(false);
    expect(looksBinary(Buffer.from([0x50, 0x4b, 0x00, 0x03]))).toBe(true);
    const late = Buffer.alloc(9000, 0x61);
    late[8500] = 0;
    expect(looksBinary(late)).toBe(false);
  });
});

describe('formatBytes', () => {
  it('formats sizes human-readably', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(MiB)).toBe('1 MiB');
    expect(formatBytes(3.4 * MiB)).toBe('3.4 MiB');
    expect(formatBytes(2 * 1024 * MiB)).toBe('2 GiB');
  });
});

describe('globMatcher', () => {
  it('matches globs against root-relative paths', () => {
    const match = globMatcher(['src/**/*.ts', '*.md', 'legacy', 'a?.{js,py}', 'x/[ab].txt']);
    expect(match('src/a.ts')).toBe(true);
    expect(match('src/deep/er/a.ts')).toBe(true);
    expect(match('lib/src/a.ts')).toBe(false);
    expect(match('docs/deep/README.md')).toBe(true);
    expect(match('legacy/old/file.js')).toBe(true);
    expect(match('not-legacy/file.js')).toBe(false);
    expect(match('a1.py')).toBe(true);
    expect(match('a12.py')).toBe(false);
    expect(match('x/b.txt')).toBe(true);
    expect(match('x/c.txt')).toBe(false);
    expect(globMatcher(['a,b'])('a,b')).toBe(true);
  });
});
