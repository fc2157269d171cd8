/** The official SARIF 2.1.0 schema (shipped by @microsoft/jest-sarif), compiled once. */
import { readFileSync } from 'node:fs';
import AjvDraft04 from 'ajv-draft-04';

const schema = JSON.parse(
  readFileSync(new URL('../../node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json', import.meta.url), 'utf8'),
) as object;

// ajv-draft-04 is CommonJS; under NodeNext its class is the `default` export of the module object.
const Ajv = AjvDraft04.default;
// The schema's `language` pattern is not valid with the `u` flag, hence unicodeRegExp: false.
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
const validate = ajv.compile(schema);

/** Schema errors of a SARIF log; empty when valid. */
export function validateSarif(log: unknown): string[] {
  if (validate(log)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}
