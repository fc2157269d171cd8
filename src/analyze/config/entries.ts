/**
 * The normalised form every config format is read into: key/value entries (with the file
 * offsets of each value) and, for shell scripts, commands with their arguments. The rules
 * of src/rules/config/ judge only this form, whatever the file format.
 */

export type ConfigFormat = 'dotenv' | 'yaml' | 'json' | 'properties' | 'shell' | 'dockerfile';

/**
 * How `${...}` is read in the file: shell, dotenv and compose (`${X:-default}`), Spring
 * (`${x:default}`), or either (YAML and JSON whose reader is not known).
 */
export type InterpolationSyntax = 'shell' | 'spring' | 'any';

export interface ConfigEntry {
  /** The key as the application reads it: `JWT_SECRET`, `app.jwt.secret`, `auth.jwtSecret`. */
  key: string;
  /** The value as the application receives it: unquoted, unescaped, base64-decoded for Kubernetes Secret `data`. */
  value: string;
  /** UTF-16 offsets of the value as written in the file (inside its quotes). */
  start: number;
  end: number;
  /** The value as written, when it differs from `value` (base64), so code frames can mask it too. */
  written?: string;
  /** False when the value is (or contains) an interpolation, a reference or a command substitution. */
  literal: boolean;
  /** `${JWT_SECRET:-dev}`: the whole value is a variable with a literal default. */
  fallback?: Fallback;
  /** A YAML/JSON sequence of scalars: `algorithms: [HS256, RS256]`. */
  items?: ConfigItem[];
  /** The Kubernetes object the entry belongs to (`metadata.name`), which may say what the entry is for. */
  scope?: string;
  /** A typed YAML/JSON scalar (`false`, `3600`) rather than a string: `"false"` is text, `false` is a boolean. */
  typed?: 'boolean' | 'number' | 'null';
}

export interface ConfigItem {
  value: string;
  start: number;
  end: number;
}

export interface Fallback {
  /** The variable read first. */
  variable: string;
  /** The literal used when the variable is not set. */
  value: string;
  start: number;
  end: number;
}

export interface CommandWord {
  /** The word as the command receives it (quotes removed), or undefined when it is not a literal. */
  text: string | undefined;
  start: number;
  end: number;
}

export interface ShellCommand {
  name: string;
  args: CommandWord[];
  start: number;
  end: number;
}

export interface ConfigFile {
  /** Path relative to the scan root. */
  path: string;
  format: ConfigFormat;
  /** `.env.example`, `*.sample.yml`: values are examples for whoever fills them in. */
  template: boolean;
  /** CI pipeline config (`.github/workflows/*.yml`, `.gitlab-ci.yml`): literal secrets there are test values. */
  ci: boolean;
  entries: ConfigEntry[];
  commands: ShellCommand[];
}

const SHELL_INTERPOLATION = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(:-|-|:=|=)([^}]*)\}$/;
const SPRING_INTERPOLATION = /^\$\{([A-Za-z_][\w.-]*):([^}]*)\}$/;

/**
 * The value of an entry as written after unquoting: a literal, or a variable with a literal
 * default (`${JWT_SECRET:-dev}`), or something unknown (`${JWT_SECRET}`, `$(cat key)`, `pre-${X}`).
 * `offset` is the file offset of `text`'s first character (for the default's position).
 */
export function readInterpolation(text: string, offset: number, syntax: InterpolationSyntax):
  Pick<ConfigEntry, 'literal' | 'fallback'> {
  const match = (syntax !== 'spring' ? SHELL_INTERPOLATION.exec(text) : null) ??
    (syntax !== 'shell' ? SPRING_INTERPOLATION.exec(text) : null);
  if (match) {
    const defaultText = match[match.length - 1]!;
    const defaultStart = offset + text.length - 1 - defaultText.length;
    return { literal: false, fallback: { variable: match[1]!, value: defaultText, start: defaultStart, end: defaultStart + defaultText.length } };
  }
  // Templating of any kind (`${X}`, `{{ .Values.x }}`, `$(cmd)`, `$X`) means the value is not known here.
  const interpolated = syntax === 'shell' ? /\$[{(A-Za-z_]|`/.test(text) : /\$\{|\{\{|^\$[A-Za-z_]\w*$/.test(text);
  return { literal: !interpolated };
}

/** `KEY=value` (docker-compose environment lists, `docker run -e`, `kubectl --from-literal`). */
export function splitAssignment(text: string): { key: string; value: string; valueIndex: number } | undefined {
  const match = /^([A-Za-z_][\w.-]*)=/.exec(text);
  return match ? { key: match[1]!, value: text.slice(match[0].length), valueIndex: match[0].length } : undefined;
}
