/**
 * The SDK retries throttling, 5xx and dropped connections alike; only the last two may have run
 * the call. The app's clients (client-factory.ts) mark a call's answer when an attempt of the
 * second kind came before it — against the sandbox, real SDK retries over HTTP.
 */
import { CreateAccessKeyCommand, CreateUserCommand, GetUserCommand, type IAMClient } from '@aws-sdk/client-iam';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { earlierAttemptMayHaveRun, mayHaveRun } from '../../../../electron/aws/ambiguous-attempts';
import { createAwsClientFactory } from '../../../../electron/aws/client-factory';
import { startSandbox, type Sandbox } from '../../../sandbox/index';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.stop());
afterEach(() => {
  sb.faults.clear();
  sb.faults.accountThrottle(null);
});

const client = (maxAttempts = 4): IAMClient =>
  createAwsClientFactory({ region: sb.region, endpoints: { iam: sb.url }, maxAttempts }).iam({ accessKeyId: sb.admin.accessKeyId, secretAccessKey: sb.admin.secretAccessKey });

const caught = (p: Promise<unknown>) => p.then(() => expect.unreachable('no error'), (e: unknown) => e);

describe('ambiguous SDK retries', () => {
  it('a lost answer the SDK retried: the success is marked, and the first attempt did run (two keys)', async () => {
    sb.scenario.newUser({ userName: 'amb.key', withAccessKey: false });
    sb.faults.set('CreateAccessKey', { drop: { times: 1, after: true } });
    const out = await client().send(new CreateAccessKeyCommand({ UserName: 'amb.key' }));
    expect(out.$metadata.attempts).toBe(2);
    expect(earlierAttemptMayHaveRun(out)).toBe(true);
    expect(sb.state.listAccessKeys('amb.key')).toHaveLength(2);
  });

  it('a 5xx the SDK retried marks the success too', async () => {
    sb.faults.set('GetUser', { error5xx: { times: 1 } });
    const out = await client().send(new GetUserCommand({}));
    expect(out.$metadata.attempts).toBe(2);
    expect(earlierAttemptMayHaveRun(out)).toBe(true);
  });

  it('throttled attempts the SDK retried: not marked — AWS ran none of them (one key per call)', async () => {
    sb.scenario.newUser({ userName: 'amb.thr', withAccessKey: false });
    sb.faults.set('CreateAccessKey', { throttle: { ratePerSec: 5, burst: 1 } });
    const c = client(10);
    await c.send(new CreateAccessKeyCommand({ UserName: 'amb.thr' }));
    const out = await c.send(new CreateAccessKeyCommand({ UserName: 'amb.thr' }));
    expect(out.$metadata.attempts).toBeGreaterThan(1);
    expect(sb.requestLog.filter((e) => e.action === 'CreateAccessKey' && e.errorCode === 'Throttling').length).toBeGreaterThan(0);
    expect(earlierAttemptMayHaveRun(out)).toBe(false);
    expect(sb.state.listAccessKeys('amb.thr')).toHaveLength(2);
  });

  it('an error after a lost answer (the retry meets "already exists") may have run; throttling to the end did not', async () => {
    sb.faults.set('CreateUser', { drop: { times: 1, after: true } });
    const exists = await caught(client().send(new CreateUserCommand({ UserName: 'amb.user' })));
    expect(exists).toMatchObject({ name: 'EntityAlreadyExistsException' });
    expect(mayHaveRun(exists)).toBe(true);

    sb.faults.set('CreateUser', { throttle: { ratePerSec: 0.5, burst: 0 } });
    const throttled = await caught(client(2).send(new CreateUserCommand({ UserName: 'amb.none' })));
    expect(throttled).toMatchObject({ name: 'Throttling', $metadata: { attempts: 2 } });
    expect(mayHaveRun(throttled)).toBe(false);
    expect(sb.state.getUser('amb.none')).toBeUndefined();
  });
});
