/**
 * Splitting identifiers into lowercase words, whatever the language: the name-based
 * judgements (token names, token roles, sensitive claims) compare words, not substrings.
 */

/** `accessToken` -> ['access', 'token']; `XSRF-TOKEN` -> ['xsrf', 'token']; `idToken2` -> ['id', 'token', '2']. */
export function nameWords(name: string): string[] {
  // Real names are short; the bound keeps the case-splitting regexes linear on a hostile one.
  return name.slice(0, 200)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([a-zA-Z])([0-9])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}
