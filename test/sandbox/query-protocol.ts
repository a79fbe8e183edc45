import { AwsError, invalidInput, validationError } from './errors';

const RESERVED_TAG_MESSAGE = "Tag keys and values may not start with 'aws:'; the prefix is reserved for AWS use.";
import type { Tag } from './state';

/** Parses an application/x-www-form-urlencoded body strictly (bad percent-escapes are an error). */
export function parseForm(body: string): Map<string, string> {
  const out = new Map<string, string>();
  if (body.trim() === '') return out;
  for (const pair of body.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawK = eq < 0 ? pair : pair.slice(0, eq);
    const rawV = eq < 0 ? '' : pair.slice(eq + 1);
    let k: string;
    let v: string;
    try {
      k = decodeURIComponent(rawK.replace(/\+/g, ' '));
      v = decodeURIComponent(rawV.replace(/\+/g, ' '));
    } catch {
      throw new AwsError('MalformedQueryString', `The request body is not valid form data near: ${pair.slice(0, 40)}`, 400);
    }
    if (k === '') throw new AwsError('MalformedQueryString', 'The request body contains an empty parameter name.', 400);
    out.set(k, v);
  }
  return out;
}

const camel = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

/** Typed access to Query protocol parameters with AWS-like validation errors. */
export class Params {
  constructor(readonly raw: Map<string, string>) {}

  has(name: string): boolean {
    return this.raw.has(name);
  }

  str(name: string): string | undefined {
    return this.raw.get(name);
  }

  req(name: string): string {
    const v = this.raw.get(name);
    if (v === undefined || v === '')
      throw validationError(`1 validation error detected: Value null at '${camel(name)}' failed to satisfy constraint: Member must not be null`);
    return v;
  }

  /** A required IAM name (user, group, policy, device). */
  name(name: string, max = 64, pattern = /^[\w+=,.@-]+$/): string {
    const v = this.req(name);
    this.checkName(name, v, max, pattern);
    return v;
  }

  optName(name: string, max = 64): string | undefined {
    const v = this.str(name);
    if (v !== undefined) this.checkName(name, v, max, /^[\w+=,.@-]+$/);
    return v;
  }

  checkName(name: string, v: string, max: number, pattern: RegExp): void {
    if (v.length > max)
      throw validationError(`1 validation error detected: Value '${v}' at '${camel(name)}' failed to satisfy constraint: Member must have length less than or equal to ${max}`);
    if (!pattern.test(v))
      throw validationError(
        `1 validation error detected: Value '${v}' at '${camel(name)}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${pattern.source.replace(/^\^|\$$/g, '')}`,
      );
  }

  path(name = 'Path'): string {
    const v = this.str(name) ?? '/';
    if (!/^\/(?:[\x21-\x7E]*\/)?$/.test(v) || v.length > 512)
      throw validationError(`The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.`);
    return v;
  }

  bool(name: string): boolean | undefined {
    const v = this.str(name);
    if (v === undefined) return undefined;
    if (v === 'true') return true;
    if (v === 'false') return false;
    throw validationError(`1 validation error detected: Value '${v}' at '${camel(name)}' failed to satisfy constraint: Member must be a boolean`);
  }

  int(name: string, min?: number, max?: number): number | undefined {
    const v = this.str(name);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!/^-?\d+$/.test(v) || !Number.isSafeInteger(n))
      throw validationError(`1 validation error detected: Value '${v}' at '${camel(name)}' failed to satisfy constraint: Member must be an integer`);
    if (min !== undefined && n < min)
      throw validationError(`1 validation error detected: Value '${v}' at '${camel(name)}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`);
    if (max !== undefined && n > max)
      throw validationError(`1 validation error detected: Value '${v}' at '${camel(name)}' failed to satisfy constraint: Member must have value less than or equal to ${max}`);
    return n;
  }

  /** `Name.member.1`, `Name.member.2`, ... */
  list(name: string): string[] {
    const out: string[] = [];
    for (let i = 1; this.raw.has(`${name}.member.${i}`); i++) out.push(this.raw.get(`${name}.member.${i}`) as string);
    return out;
  }

  /** `Name.member.N.Field` structures. */
  structList(name: string): Array<(field: string) => string | undefined> {
    const out: Array<(field: string) => string | undefined> = [];
    for (let i = 1; [...this.raw.keys()].some((k) => k.startsWith(`${name}.member.${i}.`)); i++) {
      const prefix = `${name}.member.${i}.`;
      out.push((field) => this.raw.get(prefix + field));
    }
    return out;
  }

  tags(name = 'Tags'): Tag[] {
    return this.structList(name).map((get, i) => {
      const Key = get('Key');
      if (Key === undefined || Key === '')
        throw validationError(`1 validation error detected: Value null at 'tags.${i + 1}.member.key' failed to satisfy constraint: Member must not be null`);
      // "The aws: prefix is reserved for AWS use" (any case), for keys and values alike.
      if (/^aws:/i.test(Key) || /^aws:/i.test(get('Value') ?? '')) throw invalidInput(RESERVED_TAG_MESSAGE);
      return { Key, Value: get('Value') ?? '' };
    });
  }

  /** `TagKeys.member.N` of an Untag call; reserved keys refused like in tags(). */
  tagKeys(name = 'TagKeys'): string[] {
    const keys = this.list(name);
    if (keys.some((k) => /^aws:/i.test(k))) throw invalidInput(RESERVED_TAG_MESSAGE);
    return keys;
  }

  maxItems(): number {
    return this.int('MaxItems', 1, 1000) ?? 100;
  }
}

/** Marker-based pagination over a sorted list. The marker is an opaque base64 offset. */
export function paginate<T>(items: T[], p: Params): { page: T[]; IsTruncated: boolean; Marker?: string } {
  const marker = p.str('Marker');
  let start = 0;
  if (marker !== undefined) {
    const n = Number(Buffer.from(marker, 'base64').toString('utf8').replace(/^offset:/, ''));
    if (!Number.isInteger(n) || n < 0) throw validationError('Invalid Marker.');
    start = n;
  }
  const max = p.maxItems();
  const page = items.slice(start, start + max);
  const truncated = start + max < items.length;
  return truncated
    ? { page, IsTruncated: true, Marker: Buffer.from(`offset:${start + max}`).toString('base64') }
    : { page, IsTruncated: false };
}
