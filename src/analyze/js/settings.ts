/** Reading the settings of a recognised JWT call the way rules judge them. */
import type { Setting } from './libraries.js';
import type { Origin, Value } from './values.js';

/**
 * True when a setting is absent or written as "nothing": `undefined`, `null` or `''`
 * (libraries skip the check for all three). A value that cannot be resolved counts as set.
 */
export function isUnsetSetting(setting: Setting | undefined): boolean {
  if (!setting) return true;
  return isEmptyValue(setting.value);
}

function isEmptyValue(value: Value | undefined): boolean {
  if (!value) return false;
  return value.kind === 'undefined' || value.kind === 'null' || (value.kind === 'string' && value.value === '');
}

/**
 * Where to report a setting's value: the value itself when it is written inside the
 * property (`clockTolerance: 3600`), otherwise the property (`clockTolerance: TOLERANCE`).
 */
export function settingValueOrigin(setting: Setting): Origin {
  const value = setting.value?.origin;
  if (value && value.file === setting.origin.file && contains(setting.origin, value)) return value;
  return setting.origin;
}

function contains(outer: Origin, inner: Origin): boolean {
  const before = (a: Origin['range']['start'], b: Origin['range']['start']): boolean =>
    a.line < b.line || (a.line === b.line && a.column <= b.column);
  return before(outer.range.start, inner.range.start) && before(inner.range.end, outer.range.end);
}
