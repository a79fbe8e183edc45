import { describe, expect, it } from 'vitest';
import { composeApp } from '../../../../electron/app/compose';
import { dispatch } from '../../../../electron/ipc/dispatch';
import type { HandlerTable } from '../../../../electron/ipc/handler-types';
import { createLogger } from '../../../../electron/logging/logger';
import { createNodePorts } from '../../../../electron/platform/node-ports';
import { channels, type ChannelName } from '../../../../src/shared/ipc/contract';

/** A small seeded PRNG so a failure can be replayed. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HUGE = 'A'.repeat(1_000_000);
const SCALARS: unknown[] = [
  undefined, null, true, false, 0, -1, 1e308, NaN, Infinity, '', ' ', HUGE, '\u0000', '\uD800', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '한국어', '\u202E',
  'AKIAIOSFODNN7EXAMPLE', '../../etc/passwd', '<script>alert(1)</script>', [], [1, 2], {}, () => 1, Symbol.iterator, 10n,
];
const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype'];

function fieldNames(name: ChannelName): string[] {
  const shape = (channels[name].input as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

/** Payloads built to be wrong for `name`: wrong types, huge strings, pollution keys, missing and extra fields. */
function* badPayloads(name: ChannelName, rand: () => number, count: number): Generator<unknown> {
  const fields = fieldNames(name);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  for (let i = 0; i < count; i++) {
    const kind = i % 6;
    if (kind === 0) yield pick(SCALARS);
    else if (kind === 1) yield JSON.parse(`{"${pick(POLLUTION_KEYS)}": {"polluted": true}}`);
    else if (kind === 2) yield Object.fromEntries(fields.map((f) => [f, pick(SCALARS)]));
    else if (kind === 3) yield { ...Object.fromEntries(fields.map((f) => [f, pick(SCALARS)])), [`extra${i}`]: pick(SCALARS) };
    else if (kind === 4) yield Object.fromEntries(fields.filter(() => rand() < 0.5).map((f) => [f, pick(SCALARS)]));
    else yield pick([[], [{}], 'x'.repeat(Math.floor(rand() * 5000)), { nested: { deeper: { deepest: HUGE } } }]);
  }
}

describe('IPC fuzzing: every channel of the contract', () => {
  it('answers every malformed payload with a typed validation error, never runs a handler, never throws', async () => {
    const ports = createNodePorts();
    const log = createLogger(() => {});
    const { handlers } = composeApp({ platform: ports, log, env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:9' }, info: { version: '0', platform: 'test' } });
    const called: string[] = [];
    const spied = Object.fromEntries(
      Object.entries(handlers).map(([k, h]) => [k, async (...args: unknown[]) => { called.push(k); return (h as (...a: unknown[]) => unknown)(...args); }]),
    ) as unknown as HandlerTable;
    const rand = prng(20261123);
    const names = Object.keys(channels) as ChannelName[];
    let sent = 0;
    for (const name of names) {
      for (const payload of badPayloads(name, rand, 300)) {
        if (channels[name].input.safeParse(payload).success) continue; // only payloads the schema itself rejects
        const answer = await dispatch(spied, name, payload, { emit: () => {} }, log);
        sent++;
        expect(answer, `${name} ${String(payload).slice(0, 40)}`).toMatchObject({ ok: false, error: { code: 'ipc.invalidInput' } });
      }
    }
    expect(called).toEqual([]);
    expect(sent).toBeGreaterThan(names.length * 150);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  }, 120_000);
});
