import { describe, expect, it } from 'vitest';
import { composeApp } from '../../../../electron/app/compose';
import { dispatch } from '../../../../electron/ipc/dispatch';
import type { HandlerTable } from '../../../../electron/ipc/handler-types';
import { createLogger } from '../../../../electron/logging/logger';
import { createNodePorts } from '../../../../electron/platform/node-ports';
import { AppError } from '../../../../src/shared/errors/app-error';

const lines: string[] = [];
const log = createLogger((l) => lines.push(l));
const ctx = { emit: () => {} };

function app(env: Record<string, string> = {}) {
  const ports = createNodePorts();
  return { ports, ...composeApp({ platform: ports, log, env, info: { version: '9.9.9', platform: 'test' } }) };
}

describe('dispatch: the one path every IPC call takes', () => {
  it('answers a valid call with the handler output', async () => {
    const { handlers } = app({ AWS_ENDPOINT_URL_IAM: 'http://127.0.0.1:9', AWS_REGION: 'ap-northeast-2' });
    expect(await dispatch(handlers, 'app:info', {}, ctx, log)).toEqual({
      ok: true,
      value: { version: '9.9.9', platform: 'test', endpointOverride: 'http://127.0.0.1:9', region: 'ap-northeast-2', secretStorage: 'os' },
    });
  });

  it('refuses an unknown channel, including prototype names', async () => {
    const { handlers } = app();
    for (const channel of ['nope', '__proto__', 'constructor', 'toString', 42, null]) {
      const r = await dispatch(handlers, channel, {}, ctx, log);
      expect(r).toMatchObject({ ok: false, error: { code: 'ipc.unknownChannel' } });
    }
  });

  it('answers a typed validation error for a payload that fails its schema', async () => {
    const { handlers } = app();
    for (const bad of [undefined, null, 'x', { url: 1 }, { url: 'https://a', extra: true }, { url: 'x'.repeat(5000) }]) {
      const r = await dispatch(handlers, 'app:openExternal', bad, ctx, log);
      expect(r).toMatchObject({ ok: false, error: { code: 'ipc.invalidInput', params: { channel: 'app:openExternal' } } });
    }
  });

  it('maps a thrown AppError to its shape, and anything else to internal without leaking the message', async () => {
    const { handlers } = app();
    const broken: HandlerTable = {
      ...handlers,
      'app:info': async () => {
        throw new Error('secret AKIAIOSFODNN7EXAMPLE leaked');
      },
      'app:openExternal': async () => {
        throw new AppError('app.urlNotAllowed');
      },
    };
    expect(await dispatch(broken, 'app:openExternal', { url: 'https://x' }, ctx, log)).toEqual({
      ok: false,
      error: { code: 'app.urlNotAllowed' },
    });
    const r = await dispatch(broken, 'app:info', {}, ctx, log);
    expect(r).toEqual({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(r)).not.toContain('AKIA');
    expect(lines.join('\n')).not.toContain('AKIAIOSFODNN7EXAMPLE');
  });

  it('strips output fields the contract does not name (a secret cannot leak by accident)', async () => {
    const { handlers } = app();
    const leaky: HandlerTable = {
      ...handlers,
      'app:info': async () => ({ version: '1', platform: 'p', endpointOverride: null, region: 'r', secretStorage: 'os', secretAccessKey: 'shh' }) as never,
    };
    const r = await dispatch(leaky, 'app:info', {}, ctx, log);
    expect(r).toEqual({ ok: true, value: { version: '1', platform: 'p', endpointOverride: null, region: 'r', secretStorage: 'os' } });
  });

  it('opens only allow-listed https AWS URLs', async () => {
    const { handlers, ports } = app();
    expect(await dispatch(handlers, 'app:openExternal', { url: 'https://123456789012.signin.aws.amazon.com/console' }, ctx, log)).toEqual({
      ok: true,
      value: { opened: true },
    });
    for (const url of ['http://console.aws.amazon.com/', 'https://evil.com/console.aws.amazon.com', 'file:///etc/passwd', 'javascript:alert(1)', 'https://user:pw@console.aws.amazon.com/']) {
      expect(await dispatch(handlers, 'app:openExternal', { url }, ctx, log)).toMatchObject({ ok: false, error: { code: 'app.urlNotAllowed' } });
    }
    for (const url of ['https://device.sso.ap-northeast-2.amazonaws.com/?user_code=ABCD-EFGH', 'https://d-1234567890.awsapps.com/start/#/device', 'https://ssoins-7223a5b1e7d1b4a1.portal.us-east-1.app.aws/']) {
      expect(await dispatch(handlers, 'app:openExternal', { url }, ctx, log)).toEqual({ ok: true, value: { opened: true } });
    }
    expect(await dispatch(handlers, 'app:openExternal', { url: 'https://evil.app.aws.example.com/' }, ctx, log)).toMatchObject({ ok: false });
    expect(ports.links.opened[0]).toBe('https://123456789012.signin.aws.amazon.com/console');
    expect(ports.links.opened).toHaveLength(4);
  });

  it('answers internal when a handler output fails its schema (and logs which channel)', async () => {
    const { handlers } = app();
    const wrong: HandlerTable = { ...handlers, 'app:info': async () => ({ version: 1 }) as never };
    lines.length = 0;
    expect(await dispatch(wrong, 'app:info', {}, ctx, log)).toEqual({ ok: false, error: { code: 'internal', params: { channel: 'app:info' } } });
    expect(lines.filter((l) => l.includes('ipc.outputMismatch'))).toEqual([expect.stringContaining('app:info')]);
  });

  it('never throws, whatever arrives as the channel or the payload', async () => {
    const { handlers } = app();
    const hostile: unknown[] = [
      { toString: 'x' },
      { toString: () => { throw new Error('boom'); } },
      Object.create(null),
      Symbol('s'),
      10n,
      () => 'app:info',
      new Proxy({}, { get: () => { throw new Error('trap'); } }),
      ['app:info'],
      undefined,
    ];
    for (const channel of hostile) {
      const r = await dispatch(handlers, channel, {}, ctx, log);
      expect(r).toMatchObject({ ok: false, error: { code: 'ipc.unknownChannel' } });
      expect(typeof (r as unknown as { error: { params: { channel: unknown } } }).error.params.channel).toBe('string');
    }
    const trap = new Proxy({}, { get: () => { throw new Error('trap'); }, ownKeys: () => { throw new Error('trap'); }, getPrototypeOf: () => { throw new Error('trap'); } });
    const r = await dispatch(handlers, 'app:openExternal', trap, ctx, log);
    expect(r.ok).toBe(false);
  });

  it('names at most five failing fields, with nested paths and (root) for the payload itself', async () => {
    const { handlers } = app();
    const many = await dispatch(handlers, 'admin:status:resetMfa', {}, ctx, log);
    expect(many).toEqual({ ok: false, error: { code: 'ipc.invalidInput', params: { channel: 'admin:status:resetMfa', fields: 'userName, serialNumbers, deleteKeyIds, validDays, dialogTitle' } } });
    const nested = await dispatch(handlers, 'admin:status:resetMfa', { userName: 'a', serialNumbers: [1], deleteKeyIds: [], validDays: 7, dialogTitle: 't', filterName: 'f' }, ctx, log);
    expect(nested).toMatchObject({ ok: false, error: { params: { fields: expect.stringMatching(/^serialNumbers\.0(, |$)/) } } });
    expect(await dispatch(handlers, 'app:info', 'x', ctx, log)).toEqual({ ok: false, error: { code: 'ipc.invalidInput', params: { channel: 'app:info', fields: '(root)' } } });
  });

  it('names an unknown channel as printable text of at most 100 characters, whatever arrived', async () => {
    const { handlers } = app();
    const name = (channel: unknown) => dispatch(handlers, channel, {}, ctx, log).then((r) => (r as unknown as { error: { params: { channel: string } } }).error.params.channel);
    expect(await name('x'.repeat(500))).toBe('x'.repeat(100));
    expect(await name('nope')).toBe('nope');
    expect(await name(null)).toBe('(null)');
    expect(await name(42)).toBe('(number)');
    expect(await name(undefined)).toBe('(undefined)');
    expect(await name({ toString: () => 'app:info' })).toBe('(object)');
  });

  it('logs an unexpected handler failure with its channel; an expected AppError is not logged', async () => {
    const { handlers } = app();
    const failing: HandlerTable = {
      ...handlers,
      'app:info': async () => {
        throw new TypeError('boom');
      },
      'app:openExternal': async () => {
        throw new AppError('app.urlNotAllowed');
      },
    };
    lines.length = 0;
    await dispatch(failing, 'app:openExternal', { url: 'https://x' }, ctx, log);
    expect(lines).toEqual([]);
    await dispatch(failing, 'app:info', {}, ctx, log);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('ipc.handlerFailed');
    expect(lines[0]).toContain('app:info');
  });

  it('a payload that throws while being read is answered internal and logged, never thrown', async () => {
    const { handlers } = app();
    const trap = new Proxy({}, { get: () => { throw new Error('trap'); }, ownKeys: () => { throw new Error('trap'); }, getPrototypeOf: () => { throw new Error('trap'); } });
    lines.length = 0;
    expect(await dispatch(handlers, 'app:openExternal', trap, ctx, log)).toEqual({ ok: false, error: { code: 'internal' } });
    expect(lines.join('\n')).toContain('ipc.dispatchFailed');
    expect(lines.join('\n')).toContain('app:openExternal');
  });
});

