/** The JWT algorithm settings of a config file, each with the algorithms it names and their families. */
import { algorithmFamily, type AlgorithmFamily } from '../js/jwt-algorithms.js';
import type { ConfigEntry, ConfigFile, ConfigItem } from './entries.js';
import type { ConfigFacts } from './facts.js';
import { algorithmKey } from './names.js';

export interface NamedAlgorithm extends ConfigItem {
  family: AlgorithmFamily | undefined;
}

export interface AlgorithmSetting {
  entry: ConfigEntry;
  algorithms: NamedAlgorithm[];
}

/** `JWT_ALGORITHM=HS256`, `JWT_ALGORITHMS=HS256,RS256`, `algorithms: [RS256, none]`: literal values only. */
export function configAlgorithms(file: ConfigFile, facts: ConfigFacts): AlgorithmSetting[] {
  const settings: AlgorithmSetting[] = [];
  for (const entry of file.entries) {
    if (!(entry.literal || entry.items) || !algorithmKey(entry.key, facts.hasJwtSettings())) continue;
    const items = entry.items ?? splitList(entry);
    const algorithms = items.map((item) => ({ ...item, family: algorithmFamily(item.value) }));
    // Every item must be an algorithm name: `alg: none` of something that is not a JWT has other words around.
    if (algorithms.length > 0 && algorithms.every((algorithm) => algorithm.family !== undefined)) settings.push({ entry, algorithms });
  }
  return settings;
}

/** `HS256,RS256` / `HS256 RS256` / `["HS256","RS256"]` written as one string, with the offset of each name. */
function splitList(entry: ConfigEntry): ConfigItem[] {
  const items: ConfigItem[] = [];
  for (const match of entry.value.matchAll(/[A-Za-z0-9]+/g)) {
    items.push({ value: match[0], start: entry.start + match.index, end: entry.start + match.index + match[0].length });
  }
  return items;
}
