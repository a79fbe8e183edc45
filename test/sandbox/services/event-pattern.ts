import { AwsError } from '../errors';

/**
 * EventBridge event patterns (EventBridge user guide, "Amazon EventBridge event patterns" and "Content filtering"):
 * every field named in the pattern must match; a leaf is an array of matchers, any of which may match; an event
 * value that is an array matches when any element does. Matchers implemented: literal strings, numbers, booleans
 * and null; `prefix`, `suffix`, `anything-but` (a value or a list), `exists` and `equals-ignore-case`. Other
 * operators and `$or` are refused with InvalidEventPatternException rather than matched loosely.
 */

type Pattern = { [k: string]: Pattern | unknown[] };

const invalid = (why: string): AwsError => new AwsError('InvalidEventPatternException', `Event pattern is not valid. Reason: ${why}`, 400);

const OPERATORS = new Set(['prefix', 'suffix', 'anything-but', 'exists', 'equals-ignore-case']);

function checkMatcher(m: unknown, path: string): void {
  if (m === null || ['string', 'number', 'boolean'].includes(typeof m)) return;
  if (typeof m !== 'object' || Array.isArray(m)) throw invalid(`Match value must be String, number, true, false, or null at ${path}`);
  const keys = Object.keys(m as object);
  if (keys.length !== 1 || !OPERATORS.has(keys[0] as string)) throw invalid(`Unrecognized match type ${keys.join(',')} at ${path}`);
  const [op] = keys as [string];
  const v = (m as Record<string, unknown>)[op];
  if (op === 'exists' && typeof v !== 'boolean') throw invalid(`exists match pattern must be either true or false at ${path}`);
  if ((op === 'prefix' || op === 'suffix' || op === 'equals-ignore-case') && typeof v !== 'string') throw invalid(`${op} match pattern must be a string at ${path}`);
  if (op === 'anything-but' && !(typeof v === 'string' || typeof v === 'number' || (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number'))))
    throw invalid(`Inside anything but list, only strings and numbers are supported at ${path}`);
}

function checkNode(node: unknown, path: string): void {
  if (!node || typeof node !== 'object' || Array.isArray(node)) throw invalid(`Filter is not an object at ${path || 'the top level'}`);
  for (const [k, v] of Object.entries(node as object)) {
    if (k === '$or') throw invalid('$or is not supported by this sandbox');
    const p = path ? `${path}.${k}` : k;
    if (Array.isArray(v)) {
      if (v.length === 0) throw invalid(`Empty arrays are not allowed at ${p}`);
      v.forEach((m) => checkMatcher(m, p));
    } else checkNode(v, p);
  }
}

/** Parses and validates a pattern as PutRule / TestEventPattern do. */
export function parsePattern(text: string): Pattern {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid('Filter is not valid JSON');
  }
  checkNode(parsed, '');
  return parsed as Pattern;
}

function matchOne(m: unknown, value: unknown, present: boolean): boolean {
  if (m !== null && typeof m === 'object') {
    const [op, arg] = Object.entries(m as object)[0] as [string, unknown];
    if (op === 'exists') return arg === present;
    if (!present) return false;
    if (op === 'prefix') return typeof value === 'string' && value.startsWith(arg as string);
    if (op === 'suffix') return typeof value === 'string' && value.endsWith(arg as string);
    if (op === 'equals-ignore-case') return typeof value === 'string' && value.toLowerCase() === (arg as string).toLowerCase();
    if (op === 'anything-but') return !(Array.isArray(arg) ? arg : [arg]).some((x) => x === value);
    return false;
  }
  if (!present) return false;
  return m === value;
}

function matchLeaf(matchers: unknown[], value: unknown, present: boolean): boolean {
  const values = Array.isArray(value) ? value : [value];
  if (Array.isArray(value) && value.length === 0) return matchers.some((m) => matchOne(m, undefined, false));
  return values.some((v) => matchers.some((m) => matchOne(m, v, present)));
}

function matchNode(pattern: Pattern, event: unknown): boolean {
  const obj = event && typeof event === 'object' && !Array.isArray(event) ? (event as Record<string, unknown>) : {};
  return Object.entries(pattern).every(([k, p]) => {
    const present = Object.prototype.hasOwnProperty.call(obj, k) && obj[k] !== undefined;
    if (Array.isArray(p)) return matchLeaf(p, obj[k], present);
    return matchNode(p as Pattern, present ? obj[k] : undefined);
  });
}

export function matchesPattern(pattern: Pattern, event: Record<string, unknown>): boolean {
  return matchNode(pattern, event);
}
