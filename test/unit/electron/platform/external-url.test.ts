import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from '../../../../electron/platform/external-url';

/**
 * The system browser opens only https AWS sign-in, console, SSO and docs pages. Tested at the
 * edges of each host pattern: one label more or less, a suffix or prefix glued on, another
 * scheme, a port, credentials in the URL.
 */
// Any DNS label but a punycode one ('xn--…' must decode, or URL refuses the host).
const label = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,14}$/).filter((l) => !l.startsWith('xn--'));
const region = fc.constantFrom('us-east-1', 'eu-west-2', 'ap-northeast-2', 'us-gov-west-1', 'cn-north-1');
const path = fc.stringMatching(/^(\/[a-zA-Z0-9._~-]{0,12}){0,3}(\?[a-z]{1,5}=[a-z0-9]{0,8})?$/);

/** Each allowed host family: the hosts it allows, generated. */
const allowedHosts: Record<string, fc.Arbitrary<string>> = {
  'AWS sign-in (commercial, GovCloud, China), with or without an account label': fc.tuple(
    fc.option(label, { nil: undefined }),
    fc.constantFrom('signin.aws.amazon.com', 'console.aws.amazon.com', 'signin.amazonaws-us-gov.com', 'console.amazonaws-us-gov.com', 'signin.amazonaws.cn', 'console.amazonaws.cn'),
  ).map(([l, base]) => (l ? `${l}.${base}` : base)),
  'the SSO device page of a region': region.map((r) => `device.sso.${r}.amazonaws.com`),
  'an IAM Identity Center portal (awsapps.com)': label.map((l) => `${l}.awsapps.com`),
  'a newer Identity Center portal (app.aws)': fc.tuple(label, region).map(([l, r]) => `${l}.portal.${r}.app.aws`),
  'the AWS documentation': fc.constant('docs.aws.amazon.com'),
};

describe('isAllowedExternalUrl: allowed', () => {
  for (const [name, host] of Object.entries(allowedHosts)) {
    it(`${name}: over https, any path and query, in any letter case`, () => {
      fc.assert(
        fc.property(host, path, fc.boolean(), (h, p, upper) => {
          const url = `https://${upper ? h.toUpperCase() : h}${p}`;
          expect(isAllowedExternalUrl(url), url).toBe(true);
          expect(isAllowedExternalUrl(`https://${h}:443${p}`), 'the default port spelled out').toBe(true);
        }),
      );
    });
  }
});

describe('isAllowedExternalUrl: each family\'s bare host', () => {
  it('is allowed on its own, without an account or portal label where the family has one optional', () => {
    for (const host of ['signin.aws.amazon.com', 'console.aws.amazon.com', 'signin.amazonaws-us-gov.com', 'console.amazonaws-us-gov.com', 'signin.amazonaws.cn', 'console.amazonaws.cn', 'docs.aws.amazon.com']) {
      expect(isAllowedExternalUrl(`https://${host}/`), host).toBe(true);
    }
  });
});

describe('isAllowedExternalUrl: refused', () => {
  const anyAllowed = fc.oneof(...Object.values(allowedHosts));

  it('any allowed host over http, another scheme, or on another port', () => {
    fc.assert(
      fc.property(anyAllowed, path, fc.constantFrom('http', 'ftp', 'file', 'javascript', 'data', 'ws', 'wss'), fc.integer({ min: 1, max: 65535 }), (h, p, scheme, port) => {
        expect(isAllowedExternalUrl(`${scheme}://${h}${p}`)).toBe(false);
        if (port !== 443) expect(isAllowedExternalUrl(`https://${h}:${port}${p}`)).toBe(false);
      }),
    );
  });

  it('any allowed host with a user name or password in the URL', () => {
    fc.assert(
      fc.property(anyAllowed, label, fc.option(label, { nil: undefined }), (h, user, pass) => {
        expect(isAllowedExternalUrl(`https://${user}${pass ? `:${pass}` : ''}@${h}/`)).toBe(false);
      }),
    );
  });

  it('an allowed host with a label glued in front, a second label, or a suffix', () => {
    fc.assert(
      fc.property(anyAllowed, label, label, (h, a, b) => {
        expect(isAllowedExternalUrl(`https://${h}.${a}.example/`), 'suffix').toBe(false);
        expect(isAllowedExternalUrl(`https://${h}${a}/`), 'glued suffix').toBe(false);
        expect(isAllowedExternalUrl(`https://${a}.${b}.${h}/`), 'two more labels').toBe(false);
      }),
    );
    for (const url of [
      'https://evilsignin.aws.amazon.com/',
      'https://a.b.signin.aws.amazon.com/',
      'https://signin.aws.amazon.com.evil.example/',
      'https://xsignin.aws.amazon.com/',
      'https://x.device.sso.us-east-1.amazonaws.com/',
      'https://device.sso.amazonaws.com/',
      'https://device.sso.us-east-1.amazonaws.com.evil/',
      'https://awsapps.com/',
      'https://a.b.awsapps.com/',
      'https://portal.us-east-1.app.aws/',
      'https://a.b.portal.us-east-1.app.aws/',
      'https://x.portal.app.aws/',
      'https://a.docs.aws.amazon.com/',
      'https://docs.aws.amazon.com.evil/',
      'https://aws.amazon.com/',
      'https://amazonaws.com/',
      'https://s3.amazonaws.com/bucket/phish.html',
      'https://evil.example/?next=https://signin.aws.amazon.com/',
      'https://evil.example/signin.aws.amazon.com',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });

  it('a label with characters a host label cannot have', () => {
    for (const url of ['https://a_b.awsapps.com/', 'https://a%2eb.awsapps.com/', 'https://a..awsapps.com/']) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });

  it('anything that is not a URL', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }).filter((s) => !/^[a-z][a-z0-9+.-]*:/i.test(s)), (s) => {
        expect(isAllowedExternalUrl(s)).toBe(false);
      }),
    );
    for (const s of ['', 'signin.aws.amazon.com', '//signin.aws.amazon.com/', 'https://']) expect(isAllowedExternalUrl(s), s).toBe(false);
  });
});

describe('isAllowedExternalUrl: the configured endpoint override (the sandbox device page)', () => {
  const origin = 'http://127.0.0.1:4566';

  it('is allowed as configured: its exact origin, any path, even over http and on a port', () => {
    fc.assert(
      fc.property(path, (p) => {
        expect(isAllowedExternalUrl(`${origin}${p}`, [origin])).toBe(true);
      }),
    );
  });

  it('only that origin: another port, scheme or host is refused, and so are credentials', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 65535 }).filter((p) => p !== 4566), path, (port, p) => {
        expect(isAllowedExternalUrl(`http://127.0.0.1:${port}${p}`, [origin])).toBe(false);
      }),
    );
    expect(isAllowedExternalUrl('https://127.0.0.1:4566/', [origin])).toBe(false);
    expect(isAllowedExternalUrl('http://localhost:4566/', [origin])).toBe(false);
    expect(isAllowedExternalUrl('http://user@127.0.0.1:4566/', [origin])).toBe(false);
    expect(isAllowedExternalUrl('http://user:pw@127.0.0.1:4566/', [origin])).toBe(false);
    expect(isAllowedExternalUrl(`${origin}/`)).toBe(false); // not configured: refused
  });
});
