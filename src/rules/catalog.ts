/**
 * The rule catalog as the CLI and config see it: ids, default severities and option
 * schemas, from `rules/<id>.md` and `options.ts`. Loads no parser.
 */
import type { KnownRule } from '../config.js';
import { loadRuleDocs } from './docs.js';
import { RULE_OPTIONS } from './options.js';

export function knownRules(): Map<string, KnownRule> {
  const known = new Map<string, KnownRule>();
  for (const doc of loadRuleDocs().values()) {
    known.set(doc.id, {
      id: doc.id,
      severity: doc.severity,
      defaultEnabled: doc.defaultEnabled,
      options: RULE_OPTIONS[doc.id] ?? {},
    });
  }
  return known;
}
