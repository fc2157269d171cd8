/**
 * The GitHub Action (action.yml): it parses, its inputs are all wired, the scan step's command
 * lines are valid jwt-lint invocations for any combination of inputs (run by bash exactly as
 * the runner does, with a stub recording the arguments), and a real run writes SARIF, the job
 * summary and the outputs. The README workflow uses only inputs the action has.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseArguments } from '../src/cli.js';
import { validateSarif } from './helpers/sarif-schema.js';

const repoRoot = join(import.meta.dirname, '..');

interface Step { name?: string; id?: string; shell?: string; run?: string; uses?: string; env?: Record<string, string>; with?: Record<string, string> }
interface Action {
  name: string;
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8')) as Action;
const scanStep = action.runs.steps.find((step) => step.id === 'scan')!;

/** Runs the scan step's script as GitHub does (`bash --noprofile --norc -eo pipefail`), inputs through its env mapping. */
function runScanStep(inputs: Record<string, string>, env: Record<string, string>, cwd: string) {
  const dir = mkdtempSync(join(tmpdir(), 'jwt-lint-action-'));
  const script = join(dir, 'step.sh');
  writeFileSync(script, scanStep.run!);
  const stepEnv: Record<string, string> = {};
  for (const [name, expression] of Object.entries(scanStep.env ?? {})) {
    const input = /^\$\{\{ inputs\.([\w-]+) \}\}$/.exec(expression)![1]!;
    stepEnv[name] = inputs[input] ?? action.inputs[input]?.default ?? '';
  }
  const outputs = join(dir, 'outputs');
  const summary = join(dir, 'summary.md');
  writeFileSync(outputs, '');
  writeFileSync(summary, '');
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, CI: 'true', GITHUB_OUTPUT: outputs, GITHUB_STEP_SUMMARY: summary, ...stepEnv, ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, outputs: readFileSync(outputs, 'utf8'), summary: readFileSync(summary, 'utf8') };
}

/** A fake action directory whose bin/jwt-lint.js records its arguments and exits with STUB_EXIT. */
function stubAction(): { path: string; calls: () => string[][] } {
  const path = mkdtempSync(join(tmpdir(), 'jwt-lint-stub-'));
  mkdirSync(join(path, 'bin'));
  const record = join(path, 'calls.jsonl');
  writeFileSync(join(path, 'bin', 'jwt-lint.js'),
    `require('fs').appendFileSync(${JSON.stringify(record)}, JSON.stringify(process.argv.slice(2)) + '\\n');\nprocess.exit(Number(process.env.STUB_EXIT || 0));\n`);
  return { path, calls: () => (existsSync(record) ? readFileSync(record, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as string[]) : []) };
}

describe('action.yml', () => {
  it('is a composite action with the documented inputs, all wired to the scan', () => {
    expect(action.runs.using).toBe('composite');
    for (const input of ['paths', 'fail-on', 'config', 'format', 'output', 'sarif-file', 'job-summary', 'baseline', 'changed-since', 'args']) {
      expect(action.inputs[input]?.description, input).toBeTruthy();
      expect(Object.values(scanStep.env ?? {}), input).toContain(`\${{ inputs.${input} }}`);
    }
    expect(Object.keys(action.inputs).length).toBe(Object.keys(scanStep.env ?? {}).length);
    // No expression is pasted into a script, where an input could inject shell code.
    for (const step of action.runs.steps) expect(step.run ?? '', step.name).not.toMatch(/\$\{\{\s*inputs\./);
    expect(action.outputs['exit-code']!.value).toBe('${{ steps.scan.outputs.exit-code }}');
  });

  it('builds valid jwt-lint command lines from the default inputs', () => {
    const stub = stubAction();
    const run = runScanStep({}, { GITHUB_ACTION_PATH: stub.path, STUB_EXIT: '1' }, repoRoot);
    expect(run.code).toBe(1);
    const calls = stub.calls();
    expect(calls).toHaveLength(3); // the log report, the SARIF file, the job summary
    const parsed = calls.map((args) => parseArguments(args));
    expect(parsed.map(({ options }) => options.format)).toEqual(['text', 'sarif', 'markdown']);
    expect(parsed.every(({ paths }) => paths.join(' ') === '.')).toBe(true);
    expect(parsed[1]!.options.output).toBe('jwt-lint.sarif');
    expect(run.outputs).toContain('exit-code=1');
    expect(run.outputs).toContain('sarif-file=jwt-lint.sarif');
  });

  it('passes every input through as a flag the CLI accepts', () => {
    const stub = stubAction();
    const inputs = {
      paths: 'src  lib\nconfig/*.json',
      'fail-on': 'critical',
      config: '.jwtlintrc.json',
      format: 'json',
      output: 'report.json',
      'sarif-file': 'out/results.sarif',
      'job-summary': 'false',
      baseline: 'jwt-lint-baseline.json',
      'changed-since': 'origin/main',
      args: '--disable missing-issuer --min-severity medium',
    };
    const run = runScanStep(inputs, { GITHUB_ACTION_PATH: stub.path }, repoRoot);
    expect(run.code).toBe(0);
    const calls = stub.calls();
    expect(calls).toHaveLength(2); // no job summary
    for (const args of calls) {
      const { paths, options } = parseArguments(args);
      expect(paths).toEqual(['src', 'lib', 'config/*.json']); // split on blanks, not globbed
      expect(options).toMatchObject({ failOn: 'critical', config: '.jwtlintrc.json', baseline: 'jwt-lint-baseline.json', changedSince: 'origin/main', disable: ['missing-issuer'], minSeverity: 'medium' });
    }
    expect(parseArguments(calls[0]!).options).toMatchObject({ format: 'json', output: 'report.json' });
    expect(parseArguments(calls[1]!).options).toMatchObject({ format: 'sarif', output: 'out/results.sarif' });
  });

  it('stops with exit 2 after a usage or configuration error', () => {
    const stub = stubAction();
    const run = runScanStep({}, { GITHUB_ACTION_PATH: stub.path, STUB_EXIT: '2' }, repoRoot);
    expect(run.code).toBe(2);
    expect(stub.calls()).toHaveLength(1);
    expect(() => parseArguments(['.', '--fail-on', 'urgent'])).toThrow();
  });

  it('scans for real: log report, valid SARIF, job summary, outputs and exit code 1', () => {
    const project = mkdtempSync(join(tmpdir(), 'jwt-lint-action-project-'));
    mkdirSync(join(project, 'src'));
    writeFileSync(join(project, 'src', 'auth.js'), "const jwt = require('jsonwebtoken');\nexports.t = jwt.sign({ sub: 1 }, 'qz7weak', { algorithm: 'none' });\n");
    const run = runScanStep({}, { GITHUB_ACTION_PATH: repoRoot }, project);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('src/auth.js');
    const sarif = JSON.parse(readFileSync(join(project, 'jwt-lint.sarif'), 'utf8')) as { runs: Array<{ results: Array<{ ruleId: string }> }> };
    expect(validateSarif(sarif)).toEqual([]);
    expect(sarif.runs[0]!.results.map((r) => r.ruleId)).toContain('alg-none');
    expect(run.summary).toMatch(/^#+ .*jwt-lint/m);
    expect(run.summary).toContain('alg-none');
    expect(run.summary).not.toContain('qz7weak');
  });
});

describe('the README workflow', () => {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## GitHub Actions'));
  const workflow = parse(/```yaml\n([\s\S]*?)```/.exec(section)![1]!) as { permissions: Record<string, string>; jobs: Record<string, { steps: Step[] }> };
  const steps = Object.values(workflow.jobs)[0]!.steps;

  it('uses the action with inputs it has, and uploads the SARIF file it writes', () => {
    const scan = steps.find((step) => /jwt-lint@/.test(step.uses ?? ''))!;
    expect(scan).toBeDefined();
    for (const key of Object.keys(scan.with ?? {})) expect(Object.keys(action.inputs), key).toContain(key);
    const upload = steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif'))!;
    const sarifFile = scan.with?.['sarif-file'] ?? action.inputs['sarif-file']!.default;
    expect(upload.with?.sarif_file).toBe(sarifFile);
    expect(String((upload as { if?: string }).if)).toMatch(/always\(\)|!cancelled\(\)/);
    expect(workflow.permissions['security-events']).toBe('write');
  });
});
