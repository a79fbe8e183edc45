import { describe, expect, it } from 'vitest';
import { createApi } from '../../../../src/shared/ipc/create-api';

describe('createApi', () => {
  it('resolves with the value of an ok envelope', async () => {
    const api = createApi(async () => ({ ok: true, value: { version: '1', platform: 'p', endpointOverride: null, region: 'r' } }), () => () => {});
    await expect(api.invoke('app:info', {})).resolves.toMatchObject({ version: '1' });
  });

  it('rejects with plain, cloneable error data that survives contextBridge (which strips custom Error fields)', async () => {
    const api = createApi(async () => ({ ok: false, error: { code: 'aws.Throttling', params: { status: 400 }, retryable: true } }), () => () => {});
    const rejection = await api.invoke('app:info', {}).catch((e: unknown) => e);
    expect(rejection).not.toBeInstanceOf(Error);
    expect(structuredClone(rejection)).toEqual({ code: 'aws.Throttling', params: { status: 400 }, retryable: true });
  });

  it('refuses a channel the contract does not name without sending anything', async () => {
    let sent = 0;
    const api = createApi(async () => (sent++, { ok: true, value: null }), () => () => {});
    const rejection = await (api.invoke as (c: string, i: unknown) => Promise<unknown>)('fs:read', {}).catch((e: unknown) => e);
    expect(rejection).toEqual({ code: 'ipc.unknownChannel', params: { channel: 'fs:read' } });
    expect(sent).toBe(0);
  });
});
