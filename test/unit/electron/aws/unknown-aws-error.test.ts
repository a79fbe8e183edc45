/**
 * An AWS answer the app has no text for is shown with AWS's own code and message, in the user's
 * language, with what to do next — never as the internal `aws.<Code>` or `aws.Error`. Real SDK,
 * real HTTP: a tiny server answers the way AWS (or a proxy in front of it) can.
 */
import { GetUserCommand, IAMClient } from '@aws-sdk/client-iam';
import i18next from 'i18next';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toAppError } from '../../../../electron/aws/map-aws-error';
import type { AppErrorShape } from '../../../../src/shared/errors/app-error';
import { resources } from '../../../../src/i18n/resources';

let answer: { status: number; type: string; body: string };
let server: Server;
let endpoint: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(answer.status, { 'content-type': answer.type }).end(answer.body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function failure(): Promise<AppErrorShape> {
  const iam = new IAMClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x'.repeat(40) }, maxAttempts: 1 });
  try {
    await iam.send(new GetUserCommand({ UserName: 'kim' }));
    throw new Error('should fail');
  } catch (e) {
    return toAppError(e).toShape();
  } finally {
    iam.destroy();
  }
}

/** The renderer's own choice of message (src/components/error-message.tsx), rendered by i18next in each language. */
async function shown(error: AppErrorShape): Promise<Record<'ko' | 'en', string>> {
  const file = fileURLToPath(new URL('../../../../src/components/error-message.tsx', import.meta.url));
  const { errorMessageArgs } = (await import(/* @vite-ignore */ file)) as {
    errorMessageArgs: (e: AppErrorShape, exists: (k: string) => boolean, lng: string) => { key: string; params: Record<string, unknown> };
  };
  const out = { ko: '', en: '' };
  for (const lng of ['ko', 'en'] as const) {
    const i18n = i18next.createInstance();
    await i18n.init({ resources, lng, fallbackLng: false, ns: Object.keys(resources.ko), defaultNS: 'common', interpolation: { escapeValue: false } });
    const { key, params } = errorMessageArgs(error, (k) => i18n.exists(k), lng);
    out[lng] = i18n.t(key, params);
  }
  return out;
}

describe('unknown AWS errors', () => {
  it('a code the app does not know: AWS code and message, in Korean and English', async () => {
    answer = {
      status: 400,
      type: 'text/xml',
      body: '<ErrorResponse><Error><Type>Sender</Type><Code>BrandNewPolicyConflict</Code><Message>The request conflicts with\na new account control.</Message></Error><RequestId>r-1</RequestId></ErrorResponse>',
    };
    const error = await failure();
    expect(error).toMatchObject({ code: 'aws.BrandNewPolicyConflict', params: { status: 400, awsCode: 'BrandNewPolicyConflict', awsMessage: 'The request conflicts with a new account control.' } });
    const text = await shown(error);
    expect(text.en).toContain('BrandNewPolicyConflict — “The request conflicts with a new account control.”');
    expect(text.en).toContain('send this message to your administrator');
    expect(text.ko).toContain('BrandNewPolicyConflict — “The request conflicts with a new account control.”');
    expect(text.ko).toContain('관리자');
    expect(text.ko).not.toContain('aws.');
  });

  it('an answer the SDK cannot parse (a proxy page): the HTTP status, never aws.Error or a body dump', async () => {
    answer = { status: 502, type: 'text/html', body: '<html><body><h1>502 Bad Gateway</h1></body></html>' };
    const error = await failure();
    expect(error.params).toMatchObject({ status: 502, awsCode: 'HTTP 502' });
    const text = await shown(error);
    for (const lang of ['ko', 'en'] as const) {
      expect(text[lang]).toContain('HTTP 502');
      expect(text[lang]).not.toMatch(/aws\.|<html|Error\b.*Error/);
    }
  });

  it('a code the app knows keeps its own message', async () => {
    answer = { status: 403, type: 'text/xml', body: '<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: x is not authorized</Message></Error></ErrorResponse>' };
    const text = await shown(await failure());
    expect(text.en).toBe(resources.en.errors.aws.AccessDenied);
  });
});
