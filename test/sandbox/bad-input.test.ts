import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from './server';
import { startSandbox, type Sandbox } from './index';
import { signedQuery, xmlCode } from './test-helpers';
import { fakeAccessKeyId } from '../support/fake-keys';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.stop());

const snapshot = () => JSON.stringify({ users: sb.state.listUsers(), keys: sb.state.listAccessKeys('admin').map((k) => [k.accessKeyId, k.status]) });

function expectErrorResponse(text: string, code: string, ns = 'https://iam.amazonaws.com/doc/2010-05-08/') {
  expect(text).toContain(`<ErrorResponse xmlns="${ns}">`);
  expect(text).toMatch(/<Error><Type>(Sender|Receiver)<\/Type><Code>[^<]+<\/Code><Message>[^<]*<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/);
  expect(xmlCode(text)).toBe(code);
}

describe('bad input gets the AWS-shaped error and leaves the state unchanged', () => {
  it('malformed form body', async () => {
    const before = snapshot();
    const r = await signedQuery(sb, 'Action=CreateUser&Version=2010-05-08&UserName=%ZZbad');
    expect(r.status).toBe(400);
    expectErrorResponse(r.text, 'MalformedQueryString');
    expect(snapshot()).toBe(before);
  });

  it('missing and invalid parameters', async () => {
    const before = snapshot();
    let r = await signedQuery(sb, 'Action=CreateUser&Version=2010-05-08');
    expect(r.status).toBe(400);
    expectErrorResponse(r.text, 'ValidationError');
    expect(r.text).toContain("Value null at 'userName'");
    r = await signedQuery(sb, 'Action=CreateLoginProfile&Version=2010-05-08&UserName=admin');
    expectErrorResponse(r.text, 'ValidationError');
    r = await signedQuery(sb, 'Action=UpdateAccessKey&Version=2010-05-08&UserName=admin&AccessKeyId=' + sb.admin.accessKeyId + '&Status=Sleeping');
    expectErrorResponse(r.text, 'ValidationError');
    r = await signedQuery(sb, 'Action=GetSessionToken&Version=2011-06-15&DurationSeconds=abc', { service: 'sts' });
    expectErrorResponse(r.text, 'ValidationError', 'https://sts.amazonaws.com/doc/2011-06-15/');
    expect(snapshot()).toBe(before);
  });

  it('unknown and missing actions', async () => {
    const before = snapshot();
    let r = await signedQuery(sb, 'Action=LaunchRockets&Version=2010-05-08');
    expect(r.status).toBe(400);
    expectErrorResponse(r.text, 'InvalidAction');
    r = await signedQuery(sb, 'Version=2010-05-08');
    expectErrorResponse(r.text, 'InvalidAction');
    r = await signedQuery(sb, 'Action=GetUser&Version=2010-05-08', { service: 'sts' });
    expectErrorResponse(r.text, 'InvalidAction', 'https://sts.amazonaws.com/doc/2011-06-15/');
    expect(snapshot()).toBe(before);
  });

  it('oversized bodies', async () => {
    const before = snapshot();
    const big = 'Action=CreateUser&Version=2010-05-08&UserName=huge&Pad=' + 'x'.repeat(MAX_BODY_BYTES + 10);
    const r = await signedQuery(sb, big);
    expect(r.status).toBe(413);
    expectErrorResponse(r.text, 'RequestEntityTooLarge');
    expect(snapshot()).toBe(before);
    expect(sb.state.getUser('huge')).toBeUndefined();
  });

  it('bad signatures, unknown keys, unsigned requests', async () => {
    const before = snapshot();
    let r = await signedQuery(sb, 'Action=CreateUser&Version=2010-05-08&UserName=tampered', {
      tamper: (b) => b.replace('tampered', 'tampere2'),
    });
    expect(r.status).toBe(403);
    expectErrorResponse(r.text, 'SignatureDoesNotMatch');
    r = await signedQuery(sb, 'Action=CreateUser&Version=2010-05-08&UserName=wrongsecret', {
      creds: { accessKeyId: sb.admin.accessKeyId, secretAccessKey: 'x'.repeat(40) },
    });
    expectErrorResponse(r.text, 'SignatureDoesNotMatch');
    r = await signedQuery(sb, 'Action=CreateUser&Version=2010-05-08&UserName=unknownkey', {
      creds: { accessKeyId: fakeAccessKeyId('unknown'), secretAccessKey: 'x'.repeat(40) },
    });
    expect(r.status).toBe(403);
    expectErrorResponse(r.text, 'InvalidClientTokenId');
    r = await signedQuery(sb, 'Action=CreateUser&Version=2010-05-08&UserName=fakesession', {
      creds: { accessKeyId: 'ASIAUNKNOWNKEY000000', secretAccessKey: 'x'.repeat(40), sessionToken: 'abc' },
    });
    expectErrorResponse(r.text, 'InvalidClientTokenId');
    const unsigned = await fetch(sb.url + '/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=CreateUser&Version=2010-05-08&UserName=unsigned',
    });
    expect(unsigned.status).toBe(403);
    expectErrorResponse(await unsigned.text(), 'MissingAuthenticationToken');
    expect(snapshot()).toBe(before);
    for (const n of ['tampered', 'tampere2', 'wrongsecret', 'unknownkey', 'fakesession', 'unsigned']) expect(sb.state.getUser(n)).toBeUndefined();
    const ok = await signedQuery(sb, 'Action=CreateUser&Version=2010-05-08&UserName=signed-ok');
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('<CreateUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><CreateUserResult><User>');
  });

  it('malformed JSON on the SSO-OIDC endpoints', async () => {
    const r = await fetch(sb.url + '/client/register', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' });
    expect(r.status).toBe(400);
    expect(r.headers.get('x-amzn-errortype')).toBe('InvalidRequestException');
    expect(await r.json()).toMatchObject({ error: 'invalid_request' });
  });
});
