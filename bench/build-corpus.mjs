#!/usr/bin/env node
/**
 * Builds the benchmark corpus once: downloads the pinned package tarballs from the npm
 * registry (`npm pack`), unpacks each into bench/.corpus/tree/<package>/ (a plain source
 * tree, not a node_modules folder, so jwt-lint's default excludes do not hide it) and copies
 * jwt-lint's fixtures in. A stamp file records the package list; a later run with the same
 * list reuses the tree. `--force` rebuilds.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const corpusDir = join(benchDir, '.corpus');
const treeDir = join(corpusDir, 'tree');
const tarballDir = join(corpusDir, 'tarballs');
const stampFile = join(corpusDir, 'stamp.json');
const { packages } = JSON.parse(readFileSync(join(benchDir, 'corpus.json'), 'utf8'));

export function corpusTree() {
  return treeDir;
}

export function buildCorpus({ force = false, log = console.error } = {}) {
  const stamp = JSON.stringify(packages);
  if (!force && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
    copyFixtures(); // the fixtures change with the code: always the current ones
    return treeDir;
  }
  rmSync(treeDir, { recursive: true, force: true });
  mkdirSync(treeDir, { recursive: true });
  mkdirSync(tarballDir, { recursive: true });
  for (const spec of packages) {
    const name = spec.slice(0, spec.lastIndexOf('@'));
    const fileName = `${name.replace(/^@/, '').replace('/', '-')}-${spec.slice(spec.lastIndexOf('@') + 1)}.tgz`;
    const tarball = join(tarballDir, fileName);
    if (!existsSync(tarball)) {
      log(`downloading ${spec}`);
      execFileSync('npm', ['pack', spec, '--pack-destination', tarballDir, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
    }
    const target = join(treeDir, name.replace('/', '__'));
    mkdirSync(target, { recursive: true });
    execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
  }
  copyFixtures();
  writeFileSync(stampFile, stamp);
  return treeDir;
}

function copyFixtures() {
  const target = join(treeDir, 'jwt-lint-fixtures');
  rmSync(target, { recursive: true, force: true });
  cpSync(join(benchDir, '..', 'fixtures'), target, { recursive: true });
}

/** Files and bytes of the tree, and how many are JS/TS. */
export function measureTree(dir) {
  let files = 0;
  let bytes = 0;
  let jsFiles = 0;
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop();
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else if (entry.isFile()) {
        files++;
        bytes += statSync(path).size;
        if (/\.(?:[cm]?[jt]sx?)$/.test(entry.name)) jsFiles++;
      }
    }
  }
  return { files, bytes, jsFiles };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = buildCorpus({ force: process.argv.includes('--force') });
  const { files, bytes, jsFiles } = measureTree(dir);
  console.log(`${dir}: ${files} files (${jsFiles} JS/TS), ${(bytes / 1e6).toFixed(1)} MB`);
}
