import { CreateUserCommand, GetUserCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from './index';
import { awsError, iamClient, stsClient } from './test-helpers';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.stop());
afterEach(() => {
  sb.faults.clear();
  sb.setClockSkewMs(0);
});

describe('faults', () => {
  it('per-action throttling answers Throttling / Rate exceeded (400) and the SDK retry gets through', async () => {
    // One token every 5 s: the call right after the first is throttled however slow the machine is
    // (at 4/s a loaded machine took more than the 250 ms a token needs, and the call went through).
    sb.faults.set('ListUsers', { throttle: { ratePerSec: 0.2, burst: 1 } });
    await iamClient(sb).send(new ListUsersCommand({}));
    expect(await awsError(iamClient(sb).send(new ListUsersCommand({})))).toMatchObject({ name: 'Throttling', status: 400, message: 'Rate exceeded' });
    sb.faults.set('ListUsers', { throttle: { ratePerSec: 4, burst: 1 } });
    const retrying = iamClient(sb, undefined, 10);
    for (let i = 0; i < 3; i++) await retrying.send(new ListUsersCommand({}));
    const throttled = sb.requestLog.filter((e) => e.action === 'ListUsers' && e.errorCode === 'Throttling');
    expect(throttled.length).toBeGreaterThanOrEqual(1);
    expect(throttled.every((e) => e.status === 400)).toBe(true);
    await iamClient(sb).send(new GetUserCommand({})); // other actions unaffected
  });

  it('account-wide token bucket throttles all IAM calls but not STS', async () => {
    sb.faults.accountThrottle(1, 1);
    await iamClient(sb).send(new GetUserCommand({}));
    expect((await awsError(iamClient(sb).send(new ListUsersCommand({})))).name).toBe('Throttling');
    await stsClient(sb).send(new GetCallerIdentityCommand({}));
    sb.faults.accountThrottle(null);
    await iamClient(sb).send(new ListUsersCommand({}));
  });

  it('5xx for the next N calls (ServiceFailure 500, ServiceUnavailable 503), retried by the SDK', async () => {
    sb.faults.set('GetUser', { error5xx: { times: 1 } });
    expect(await awsError(iamClient(sb).send(new GetUserCommand({})))).toMatchObject({ name: 'ServiceFailureException', status: 500 });
    await iamClient(sb).send(new GetUserCommand({}));
    sb.faults.set('GetUser', { error5xx: { times: 2, status: 503 } });
    expect((await awsError(iamClient(sb).send(new GetUserCommand({})))).name).toBe('ServiceUnavailable');
    const r = await iamClient(sb, undefined, 3).send(new GetUserCommand({}));
    expect(r.$metadata.attempts).toBe(2);
  });

  it('dropped connections: before (no state change) and after (state changed, response lost)', async () => {
    sb.faults.set('CreateUser', { drop: { times: 1 } });
    const before = await awsError(iamClient(sb).send(new CreateUserCommand({ UserName: 'drop-before' })));
    expect(before.status).toBeUndefined();
    expect(sb.state.getUser('drop-before')).toBeUndefined();
    await iamClient(sb).send(new CreateUserCommand({ UserName: 'drop-before' }));
    expect(sb.state.getUser('drop-before')).toBeDefined();

    sb.faults.set('CreateUser', { drop: { times: 1, after: true } });
    const after = await awsError(iamClient(sb).send(new CreateUserCommand({ UserName: 'drop-after' })));
    expect(after.status).toBeUndefined();
    expect(sb.state.getUser('drop-after')).toBeDefined();
    expect(sb.requestLog.filter((e) => e.errorCode === 'ConnectionDropped')).toHaveLength(2);
  });

  it('latency on every action (*), switchable at run time through the HTTP control surface', async () => {
    let res = await fetch(`${sb.url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ action: '*', latencyMs: 300 }) });
    expect(res.status).toBe(200);
    let t = Date.now();
    await stsClient(sb).send(new GetCallerIdentityCommand({}));
    expect(Date.now() - t).toBeGreaterThanOrEqual(290);
    res = await fetch(`${sb.url}/__sandbox/faults`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    t = Date.now();
    await stsClient(sb).send(new GetCallerIdentityCommand({}));
    expect(Date.now() - t).toBeLessThan(250);
  });

  it('server clock skew: Date header moves, stale signatures are refused, the SDK corrects its clock', async () => {
    sb.setClockSkewMs(20 * 60_000);
    const res = await fetch(sb.url + '/__sandbox/info');
    const serverDate = Date.parse(res.headers.get('date') as string);
    expect(serverDate - Date.now()).toBeGreaterThan(19 * 60_000);
    const err = await awsError(stsClient(sb).send(new GetCallerIdentityCommand({})));
    expect(err).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403 });
    expect(err.message).toMatch(/^Signature expired/);
    const ok = await stsClient(sb, undefined, 3).send(new GetCallerIdentityCommand({}));
    expect(ok.Account).toBe(sb.accountId);
  });
});
