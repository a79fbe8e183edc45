import { describe, expect, it } from 'vitest';
import { vetInviteEndpoints } from '../../../../electron/onboarding/session-endpoints';

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
