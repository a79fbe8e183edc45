/** Minimal XML rendering for the Query protocol responses. */

/** Pre-rendered XML (e.g. the entry/key/value pairs of a map). */
export class XmlRaw {
  constructor(readonly xml: string) {}
}

export type XmlValue = string | number | boolean | Date | XmlRaw | null | undefined | XmlObject | XmlValue[];
export interface XmlObject {
  [key: string]: XmlValue;
}

export const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
export const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

export function escapeXml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
}

/** ISO-8601 with whole seconds, as IAM renders timestamps. */
export function isoDate(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function renderValue(v: XmlValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return isoDate(v);
  if (v instanceof XmlRaw) return v.xml;
  if (Array.isArray(v)) return v.map((x) => `<member>${renderValue(x)}</member>`).join('');
  if (typeof v === 'object') return renderObject(v);
  return escapeXml(String(v));
}

export function renderObject(o: XmlObject): string {
  let out = '';
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || v === null) continue;
    out += `<${k}>${renderValue(v)}</${k}>`;
  }
  return out;
}

export function renderResponse(action: string, ns: string, result: XmlObject | null, requestId: string): string {
  const body = result === null ? '' : `<${action}Result>${renderObject(result)}</${action}Result>`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${ns}">${body}` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`
  );
}

export function renderError(ns: string, type: string, code: string, message: string, requestId: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${ns}"><Error><Type>${escapeXml(type)}</Type>` +
    `<Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}
