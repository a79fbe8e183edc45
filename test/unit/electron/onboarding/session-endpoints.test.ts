import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { vetInviteEndpoints } from '../../../../electron/onboarding/session-endpoints';
import type { AppError } from '../../../../src/shared/errors/app-error';

const factory = (override: string | null) => ({ endpointOverride: () => override });

describe('vetInviteEndpoints: an invite may only point at loopback or the configured override', () => {
  it('no endpoints in the invite: the app configuration applies', () => {
    expect(vetInviteEndpoints({}, factory(null))).toBeUndefined();
  });

  it('loopback endpoints (the sandbox) are followed', () => {
    for (const host of ['127.0.0.1:4566', 'localhost:4566', '[::1]:4566']) {
      expect(vetInviteEndpoints({ endpoints: { iam: `http://${host}`, sts: `http://${host}/` } }, factory(null))).toEqual({
        iam: `http://${host}`,
        sts: `http://${host}`,
      });
    }
  });

  it('the endpoint override the app is already configured with is followed', () => {
    const corp = 'https://aws-proxy.corp.example/iam';
    expect(vetInviteEndpoints({ endpoints: { iam: corp } }, factory(corp))).toEqual({ iam: corp });
  });

  it('any other host is refused, and so are URLs carrying credentials', () => {
    for (const url of ['https://iam.attacker.example', 'http://10.0.0.5:4566', 'https://127.0.0.1.attacker.example', 'http://user:pw@127.0.0.1:1']) {
      expect(() => vetInviteEndpoints({ endpoints: { iam: url } }, factory(null)), url).toThrow(
        expect.objectContaining({ code: 'onboarding.foreignEndpoint' }),
      );
    }
  });
});

describe('vetInviteEndpoints at its edges', () => {
  const loopbackHost = fc.constantFrom('127.0.0.1', 'localhost', '[::1]', 'LOCALHOST');
  const port = fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined });
  const path = fc.stringMatching(/^(\/[a-z0-9_-]{1,10}){0,3}$/);
  const foreignHost = fc.oneof(
    fc.stringMatching(/^[a-z][a-z0-9-]{0,10}\.(example|com|net|amazonaws\.com)$/).filter((h) => !h.startsWith('xn--')),
    fc.constantFrom('127.0.0.2', '0.0.0.0', '10.0.0.1', '169.254.169.254', '[::2]', '[::ffff:7f00:1]', 'localhost.example', '127.0.0.1.nip.io', 'localhost.'),
  );
  const refused = (endpoints: { iam?: string; sts?: string }, configured: string | null = null) => {
    try {
      vetInviteEndpoints({ endpoints }, factory(configured));
    } catch (e) {
      return e as AppError;
    }
    return null;
  };

  it('loopback over http or https, on any port and path, is followed as origin + path (no query, no fragment)', () => {
    fc.assert(
      fc.property(fc.constantFrom('http', 'https'), loopbackHost, port, path, fc.constantFrom('', '?x=1', '#frag'), (scheme, host, p, pth, tail) => {
        const origin = new URL(`${scheme}://${host}${p === undefined ? '' : `:${p}`}`).origin;
        const out = vetInviteEndpoints({ endpoints: { iam: `${origin}${pth}${tail}`, sts: `${origin}/` } }, factory(null));
        expect(out).toEqual({ iam: `${origin}${pth}`, sts: origin });
      }),
    );
  });

  it('any other host is refused for either service, naming the host', () => {
    fc.assert(
      fc.property(foreignHost, port, path, fc.constantFrom('iam', 'sts'), (host, p, pth, service) => {
        const url = `https://${host}${p === undefined ? '' : `:${p}`}${pth}`;
        const e = refused({ [service]: url });
        expect(e, url).toMatchObject({ code: 'onboarding.foreignEndpoint', params: { host: new URL(url).host } });
      }),
    );
  });

  it('a loopback host under another scheme is refused', () => {
    for (const url of ['ftp://127.0.0.1/', 'file://localhost/etc/passwd', 'ws://127.0.0.1:4566', 'javascript://localhost/']) {
      expect(refused({ iam: url }), url).toMatchObject({ code: 'onboarding.foreignEndpoint' });
    }
  });

  it('credentials in the URL are refused even for loopback and for the configured override', () => {
    const corp = 'https://aws-proxy.corp.example';
    for (const [url, configured] of [
      ['http://u@127.0.0.1:4566', null],
      ['http://:pw@localhost:4566', null],
      ['https://u:pw@aws-proxy.corp.example', corp],
    ] as const) {
      expect(refused({ sts: url }, configured), url).toMatchObject({ code: 'onboarding.foreignEndpoint' });
    }
  });

  it('the configured override is matched by origin, and then its configured URL is used, not the invite\'s path', () => {
    const configured = 'https://aws-proxy.corp.example/iam';
    expect(vetInviteEndpoints({ endpoints: { iam: 'https://aws-proxy.corp.example/somewhere/else' } }, factory(configured))).toEqual({ iam: configured });
    for (const url of ['http://aws-proxy.corp.example/iam', 'https://aws-proxy.corp.example:8443/iam', 'https://evil.aws-proxy.corp.example/iam', 'https://aws-proxy.corp.example.evil/iam']) {
      expect(refused({ iam: url }, configured), url).toMatchObject({ code: 'onboarding.foreignEndpoint' });
    }
  });

  it('each service is vetted against its own override', () => {
    const aws = { endpointOverride: (s: 'iam' | 'sts') => (s === 'iam' ? 'https://iam.corp.example' : 'https://sts.corp.example') };
    expect(vetInviteEndpoints({ endpoints: { iam: 'https://iam.corp.example', sts: 'https://sts.corp.example' } }, aws)).toEqual({
      iam: 'https://iam.corp.example',
      sts: 'https://sts.corp.example',
    });
    expect(() => vetInviteEndpoints({ endpoints: { sts: 'https://iam.corp.example' } }, aws)).toThrow(expect.objectContaining({ code: 'onboarding.foreignEndpoint' }));
  });

  it('an unreadable configured override matches nothing', () => {
    expect(refused({ iam: 'https://aws-proxy.corp.example' }, 'not a url')).toMatchObject({ code: 'onboarding.foreignEndpoint' });
  });

  it('an unparseable endpoint is refused, its text cut to 100 characters in the message; a huge host likewise', () => {
    const junk = `not a url ${'x'.repeat(200)}`;
    expect(refused({ iam: junk })).toMatchObject({ code: 'onboarding.foreignEndpoint', params: { host: junk.slice(0, 100) } });
    const host = `${'a'.repeat(60)}.${'b'.repeat(60)}.example`;
    expect(refused({ iam: `https://${host}/` })).toMatchObject({ params: { host: host.slice(0, 100) } });
  });

  it('an invite with an endpoints block but no URL in it asks for nothing; a missing service is not filled in', () => {
    expect(vetInviteEndpoints({ endpoints: {} }, factory(null))).toEqual({});
    expect(vetInviteEndpoints({ endpoints: { sts: 'http://127.0.0.1:1' } }, factory(null))).toEqual({ sts: 'http://127.0.0.1:1' });
  });
});
