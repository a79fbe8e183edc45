/** What the invite codec tests share: one invite, its passphrase, and age files made as any age tool would. */
import { armor, Encrypter } from 'age-encryption';
import { expect } from 'vitest';
import { decryptInvite } from '../../../../electron/invites/invite-codec';
import { isAppError } from '../../../../src/shared/errors/app-error';
import type { InvitePayload } from '../../../../src/shared/invites/invite-schema';

export const PASS = 'Xk7#mPq2$Lr9&Vn4!Tz8wQ';
export const NOW = Date.parse('2030-01-10T12:00:00Z');

export const PAYLOAD: InvitePayload = {
  format: 'iam-onboarding-invite',
  version: 1,
  accountId: '123456789012',
  accountAlias: 'acme-prod',
  partition: 'aws',
  region: 'eu-central-1',
  userName: 'jane.doe',
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  consoleUrl: 'https://acme-prod.signin.aws.amazon.com/console',
  issuedAt: '2030-01-08T12:00:00Z',
  expiresAt: '2030-01-15T12:00:00Z',
};

export const enc = new TextEncoder();
export const dec = new TextDecoder();

/** Decrypt and return the AppError code (or 'ok'); fails the test on any non-AppError. */
export async function outcome(file: Uint8Array, pass = PASS, now = NOW): Promise<string> {
  try {
    await decryptInvite(file, pass, now);
    return 'ok';
  } catch (e) {
    if (!isAppError(e)) throw new Error(`not an AppError: ${String(e)}`, { cause: e });
    if (pass) expect(JSON.stringify(e.toShape()) + e.message).not.toContain(pass);
    return e.code;
  }
}

/**
 * The work factor of the files these tests make themselves (with age-encryption, as any age tool
 * would): cheap, so a test run (and a mutation run, which repeats them hundreds of times) does not
 * spend its time in scrypt. Nothing in the app can write it: encryptInvite always writes
 * INVITE_SCRYPT_LOG_N (pinned in invite-codec.test.ts on what it writes), and opening accepts any
 * factor up to the cap, as age does.
 */
export const FIXTURE_LOG_N = 10;

/** Our own age file around arbitrary plaintext (for "right password, wrong content" cases). */
export async function ageArmored(plaintext: string | Uint8Array, pass = PASS, logN = FIXTURE_LOG_N): Promise<Uint8Array> {
  const e = new Encrypter();
  e.setScryptWorkFactor(logN);
  e.setPassphrase(pass);
  return enc.encode(armor.encode(await e.encrypt(plaintext)));
}

export const toBinary = (armored: Uint8Array) => armor.decode(dec.decode(armored));
export const toArmored = (binary: Uint8Array) => enc.encode(armor.encode(binary));
/** Offset of the first payload byte: header ends at "--- <mac>\n", then a 16-byte nonce. */
export const headerLength = (binary: Uint8Array) => binary.indexOf(0x0a, dec.decode(binary.subarray(0, 300)).indexOf('\n---') + 1) + 1;
