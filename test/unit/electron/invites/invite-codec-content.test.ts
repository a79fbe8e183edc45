/**
 * What is inside a file that opens with the passphrase: not JSON, not an invite, another version,
 * a field AWS would not accept — each its own error, with the params its message shows. And what
 * encryptInvite refuses to write.
 */
import { describe, expect, it } from 'vitest';
import { decryptInvite, encryptInvite } from '../../../../electron/invites/invite-codec';
import { ageArmored, enc, NOW, outcome, PASS, PAYLOAD } from './invite-fixtures';

const opening = async (content: unknown) => decryptInvite(await ageArmored(JSON.stringify(content)), PASS, NOW);

describe('decryptInvite: what the file holds', () => {
  it('JSON that is not an object (null, a string, a number) -> notInviteContent', async () => {
    for (const content of [null, 'iam-onboarding-invite', 42]) {
      await expect(opening(content), JSON.stringify(content)).rejects.toMatchObject({ code: 'invite.notInviteContent' });
    }
  });

  it('an invite whose bytes are not UTF-8 -> notInviteContent (a broken byte is not read as a replacement character)', async () => {
    const bytes = enc.encode(JSON.stringify({ ...PAYLOAD, userName: 'jane.doe~' }));
    bytes[bytes.indexOf(0x7e)] = 0xff; // '~' -> a byte no UTF-8 text has
    expect(await outcome(await ageArmored(bytes))).toBe('invite.notInviteContent');
  });

  it('another format, even with invite fields (one of them wrong) -> notInviteContent, not a field message', async () => {
    await expect(opening({ ...PAYLOAD, format: 'other-app-invite', accountId: 'x' })).rejects.toMatchObject({ code: 'invite.notInviteContent' });
  });

  it('another version: the message shows it when it is a number or a string, "unknown" otherwise', async () => {
    const version = async (v: unknown) => opening({ ...PAYLOAD, version: v }).catch((e: { code: string; params: unknown }) => [e.code, e.params]);
    expect(await version('2')).toEqual(['invite.unsupportedVersion', { version: '2', supported: 1 }]);
    expect(await version(null)).toEqual(['invite.unsupportedVersion', { version: 'unknown', supported: 1 }]);
    expect(await version({ major: 2 })).toEqual(['invite.unsupportedVersion', { version: 'unknown', supported: 1 }]);
  });

  it('a field rule fails -> that field, with the value to show', async () => {
    await expect(opening({ ...PAYLOAD, userName: 'jane doe' })).rejects.toMatchObject({ code: 'invite.field.userName', params: { value: 'jane doe' } });
  });

  it('a field of the wrong type -> that field (dates as the expiry, endpoints as the endpoint), its value not shown', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ userName: 5 }, 'invite.field.userName'],
      [{ secretAccessKey: ['x'] }, 'invite.field.secretAccessKey'],
      [{ issuedAt: 5 }, 'invite.field.expiry'],
      [{ expiresAt: null }, 'invite.field.expiry'],
      [{ endpoints: 'http://127.0.0.1:4599' }, 'invite.field.endpoint'],
      [{ endpoints: { iam: 5 } }, 'invite.field.endpoint'],
    ];
    for (const [change, code] of cases) {
      await expect(opening({ ...PAYLOAD, ...change }), JSON.stringify(change)).rejects.toMatchObject({ code, params: { value: '' } });
    }
  });
});

describe('encryptInvite: what it refuses to write', () => {
  const fields = (payload: Record<string, unknown>) =>
    encryptInvite(payload as typeof PAYLOAD, PASS).catch((e: { code: string; params: { fields: string } }) => `${e.code} ${e.params.fields}`);

  it('names every field that breaks the schema once, nested ones by their path, an unknown key as (root)', async () => {
    expect(await fields({ ...PAYLOAD, accountId: '12', userName: 'jane doe' })).toBe('invite.invalidPayload accountId,userName');
    expect(await fields({ ...PAYLOAD, endpoints: { iam: 5 } })).toBe('invite.invalidPayload endpoints.iam');
    expect(await fields({ ...PAYLOAD, extra: 1 })).toBe('invite.invalidPayload (root)');
  });
});
