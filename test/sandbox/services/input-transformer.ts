/**
 * EventBridge input transformers (EventBridge user guide, "Transforming target input"; API reference,
 * InputTransformer): InputPathsMap names JSON paths of the event (dot notation, dashes, underscores,
 * alphanumerics, array indices); `<name>` in InputTemplate is replaced by the value. Outside quotes a value goes in
 * as JSON (a string gets its quotes); inside a quoted string it goes in as raw text, unescaped ("EventBridge
 * doesn't escape values extracted by Input Path"). A path missing from the event yields no variable: the sandbox
 * writes nothing in its place (AWS documents only that the variable "won't appear in the output"). The JSON passed
 * to a target is minified. Predefined: aws.events.rule-arn, aws.events.rule-name, aws.events.event,
 * aws.events.event.json, aws.events.event.ingestion-time.
 */

export function readPath(event: unknown, path: string): { found: boolean; value: unknown } {
  if (!path.startsWith('$')) return { found: false, value: undefined };
  const parts = [...path.slice(1).matchAll(/\.([\w\-/]+)|\[(\d+)\]/g)];
  let cur: unknown = event;
  for (const m of parts) {
    if (cur === null || typeof cur !== 'object') return { found: false, value: undefined };
    const key = m[1] ?? Number(m[2]);
    if (!Object.prototype.hasOwnProperty.call(cur, key)) return { found: false, value: undefined };
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return { found: true, value: cur };
}

export function transformInput(
  transformer: { InputPathsMap?: Record<string, string>; InputTemplate: string },
  event: Record<string, unknown>,
  rule: { name: string; arn: string },
  ingestionTime: Date,
): string {
  const values = new Map<string, unknown>();
  for (const [name, path] of Object.entries(transformer.InputPathsMap ?? {})) {
    const r = readPath(event, path);
    if (r.found) values.set(name, r.value);
  }
  const { detail: _detail, ...withoutDetail } = event;
  const predefined: Record<string, unknown> = {
    'aws.events.rule-arn': rule.arn,
    'aws.events.rule-name': rule.name,
    'aws.events.event': withoutDetail,
    'aws.events.event.json': event,
    'aws.events.event.ingestion-time': ingestionTime.toISOString(),
  };
  const known = (name: string): boolean => values.has(name) || name in predefined || name in (transformer.InputPathsMap ?? {});
  const tpl = transformer.InputTemplate;
  let out = '';
  let inString = false;
  for (let i = 0; i < tpl.length; i++) {
    const c = tpl[i] as string;
    if (c === '\\' && inString) {
      out += c + (tpl[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '"') {
      inString = !inString;
      out += c;
      continue;
    }
    if (c === '<') {
      const end = tpl.indexOf('>', i);
      const name = end > i ? tpl.slice(i + 1, end) : '';
      if (name && known(name)) {
        const present = values.has(name) || name in predefined;
        const v = values.has(name) ? values.get(name) : predefined[name];
        if (present) out += inString ? (typeof v === 'string' ? v : JSON.stringify(v)) : JSON.stringify(v);
        i = end;
        continue;
      }
    }
    out += c;
  }
  const trimmed = out.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.stringify(JSON.parse(trimmed));
    } catch {
      return trimmed;
    }
  }
  return out;
}
