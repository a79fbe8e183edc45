/**
 * Invite files: the JSON payload, encrypted with age to an scrypt passphrase recipient (the new
 * user's temporary password), ASCII-armored so it survives being pasted into a mail. Any age tool
 * can open or make one: `age -d`, `age -p` (binary or `-a` armored), rage, age-encryption.
 *
 * scrypt runs natively (native-scrypt.ts), on libuv's thread pool, never on the main thread. Work
 * factor: we write logN 15 (the passphrase is a generated ~118-bit password, so brute force is out
 * of reach at any factor; measured with age-encryption's pure-JS scrypt on 2 vCPU, decrypt ms:
 * logN 15 ~160, 16 ~440, 18 ~1230 — native is several times faster). We open up to logN 20:
 * the age CLI writes 18, and 20 leaves room for tools that raise it; above that (1 GiB and more
 * per attempt) the file is refused from its header, before scrypt runs.
 *
 * What each failure says, whichever tool made the file (pinned by test/hardening and the codec tests):
 * - not age at all (no age header, no armor)                                -> notAnInvite
 * - age, but for a key (X25519, ssh-ed25519, ssh-rsa, a plugin)            -> keyEncrypted
 * - header cut off, or armor without its END line, or cut mid-character     -> truncated
 * - armor or header malformed (not what any age tool writes)                -> damaged
 * - scrypt work factor above 2^20                                           -> workFactorTooHigh
 * - the passphrase does not unwrap the file key                             -> wrongPassword
 *   (a changed salt or wrapped key is indistinguishable from a wrong passphrase in age)
 * - the header MAC or the payload does not authenticate, or bytes appended  -> tampered
 *   (a binary file cut inside its payload cannot be told from an altered one: age marks only the
 *   last chunk, so it gets this message, which says "damaged or altered")
 * - decrypts, but is not an invite (JSON of another shape)                  -> notInviteContent
 * - an invite whose field values are not what AWS accepts                   -> field.<name>
 * The header is opened first with `decryptHeader`, then the payload with an identity that returns
 * the already-unwrapped key, so scrypt runs once and we know which phase failed.
 */
import { armor, Decrypter, Encrypter, type Identity } from 'age-encryption';
import { NativeScryptIdentity, NativeScryptRecipient } from './native-scrypt';
import { AppError } from '../../src/shared/errors/app-error';
import { INVITE_FIELDS, type InviteField } from '../../src/shared/invites/invite-fields';
import {
  INVITE_FORMAT,
  INVITE_MAX_BYTES,
  INVITE_VERSION,
  invitePayloadSchema,
  type InvitePayload,
} from '../../src/shared/invites/invite-schema';

export const INVITE_SCRYPT_LOG_N = 15;
/** Refuse to run scrypt above this: each step up doubles memory (2^20: 1 GiB) and time. */
export const INVITE_MAX_ACCEPTED_LOG_N = 20;

const ARMOR_BEGIN = '-----BEGIN AGE ENCRYPTED FILE-----';
const ARMOR_END = '-----END AGE ENCRYPTED FILE-----';
const AGE_MAGIC = 'age-encryption.org/v1\n';

export async function encryptInvite(payload: InvitePayload, passphrase: string): Promise<Uint8Array> {
  if (passphrase.length === 0) throw new AppError('invite.passphraseRequired');
  const parsed = invitePayloadSchema.safeParse(payload);
  if (!parsed.success) throw new AppError('invite.invalidPayload', { fields: issuePaths(parsed.error.issues) });
  const e = new Encrypter();
  e.addRecipient(new NativeScryptRecipient(passphrase, INVITE_SCRYPT_LOG_N));
  const plaintext = new TextEncoder().encode(JSON.stringify(parsed.data));
  try {
    const binary = await e.encrypt(plaintext);
    return new TextEncoder().encode(armor.encode(binary));
  } finally {
    plaintext.fill(0);
  }
}

export async function decryptInvite(file: Uint8Array, passphrase: string, nowMs: number): Promise<InvitePayload> {
  if (file.length === 0) throw new AppError('invite.empty');
  if (file.length > INVITE_MAX_BYTES) throw new AppError('invite.tooLarge', { maxBytes: INVITE_MAX_BYTES });

  const { binary, truncated } = toBinary(file);
  const { logN, headerLength } = checkHeader(binary);
  if (logN > INVITE_MAX_ACCEPTED_LOG_N) throw new AppError('invite.workFactorTooHigh', { logN, max: INVITE_MAX_ACCEPTED_LOG_N });

  // Phase 1: header (scrypt + key unwrap + header MAC).
  let fileKey: Uint8Array;
  try {
    const d = new Decrypter();
    d.addIdentity(new NativeScryptIdentity(passphrase, INVITE_MAX_ACCEPTED_LOG_N));
    fileKey = await d.decryptHeader(binary);
  } catch (e) {
    // Messages of age-encryption 0.3.1; pinned by the codec tests.
    const msg = String(e);
    if (msg.includes('no identity matched')) throw new AppError('invite.wrongPassword');
    if (msg.includes('header HMAC')) throw new AppError('invite.tampered');
    throw new AppError('invite.damaged');
  }

  // Phase 2: payload, with the key we already have.
  let plaintext: Uint8Array;
  try {
    const d = new Decrypter();
    const known: Identity = { unwrapFileKey: () => fileKey };
    d.addIdentity(known);
    plaintext = await d.decrypt(binary);
  } catch {
    // Less than a nonce and one tag after the header: the payload was cut off, not altered.
    throw new AppError(truncated || binary.length - headerLength < 32 ? 'invite.truncated' : 'invite.tampered');
  } finally {
    fileKey.fill(0);
  }

  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plaintext));
  } catch {
    // Not UTF-8 JSON: `json` stays undefined and is refused below as notInviteContent. No cause
    // kept: JSON.parse messages quote the input, which holds the secret key. It authenticated
    // with this passphrase, so it is intact: just not an invite.
  } finally {
    plaintext.fill(0);
  }

  // Any JSON value: `?.` reads null as having no format, a string or an array as having none either.
  const doc = json as { format?: unknown; version?: unknown } | null | undefined;
  if (doc?.format !== INVITE_FORMAT) throw new AppError('invite.notInviteContent');
  if (doc.version !== INVITE_VERSION) {
    throw new AppError('invite.unsupportedVersion', {
      version: typeof doc.version === 'number' || typeof doc.version === 'string' ? doc.version : 'unknown',
      supported: INVITE_VERSION,
    });
  }
  const parsed = invitePayloadSchema.safeParse(json);
  if (!parsed.success) throw fieldError(parsed.error.issues);
  const invite = parsed.data;
  if (Date.parse(invite.expiresAt) <= nowMs) throw new AppError('invite.expired', { expiresAt: invite.expiresAt });
  return invite;
}

/**
 * Armored (what we write, `age -a`) -> binary; anything else is returned as it is, for the header
 * check to tell binary age (`age -p`) from what is not age at all. `truncated` when the armor shows
 * the file was cut: no END line, or base64 cut mid-character.
 */
function toBinary(file: Uint8Array): { binary: Uint8Array; truncated: boolean } {
  // latin1 maps each byte to one character, so the armor is found in a mail saved in any encoding.
  const text = latin1(file);
  const begin = text.indexOf(ARMOR_BEGIN);
  if (begin === -1) return { binary: file, truncated: false };
  const afterBegin = begin + ARMOR_BEGIN.length;
  const end = text.indexOf(ARMOR_END, afterBegin);
  const cut = end === -1;
  // Mail clients re-wrap lines, add CRLF, indentation or trailing spaces: the armor's line layout
  // carries no information (age authenticates the bytes), so only the base64 characters count.
  const body = text.slice(afterBegin, cut ? undefined : end).replace(/\s/g, '');
  // A missing END line or a body cut mid-quad: a clipped paste or download.
  const truncated = cut || body.length % 4 !== 0;
  // Decode what arrived, up to its last whole quad: the header of a cut file still says what it is.
  const whole = body.slice(0, body.length - (body.length % 4));
  if (whole.length === 0) throw new AppError(truncated ? 'invite.truncated' : 'invite.damaged');
  const binary = Buffer.from(whole, 'base64');
  // Strict, as age's armor is: canonical base64 only (no stray character, padding only at the end).
  if (binary.toString('base64') !== whole) throw new AppError('invite.damaged');
  return { binary, truncated };
}

/**
 * Reads the age header's shape before any crypto: which recipients it has, and the scrypt work
 * factor. Returns logN of the scrypt stanza and the header's length; throws what the header shows
 * is wrong. The scrypt stanza's own rules (alone in the header, canonical salt, a 32-byte body)
 * are checked by NativeScryptIdentity, as age does, before scrypt runs.
 */
function checkHeader(binary: Uint8Array): { logN: number; headerLength: number } {
  const text = latin1(binary);
  if (!text.startsWith(AGE_MAGIC)) throw new AppError(text.startsWith('age-encryption.org/') ? 'invite.damaged' : 'invite.notAnInvite');
  const end = text.indexOf('\n---');
  // The header ends with "--- <mac>\n": a file that stops before it was cut off.
  const headerLength = end === -1 ? 0 : text.indexOf('\n', end + 1) + 1;
  if (headerLength === 0) throw new AppError('invite.truncated');
  const stanzas = text
    .slice(AGE_MAGIC.length, end)
    .split('\n')
    .filter((line) => line.startsWith('-> '))
    .map((line) => line.slice(3).split(' '));
  const scrypt = stanzas.find((args) => args[0] === 'scrypt');
  if (!scrypt) {
    if (stanzas.length === 0) throw new AppError('invite.damaged');
    // X25519 (age-keygen), ssh-ed25519/ssh-rsa (age -R), or a plugin: not openable with a password.
    throw new AppError('invite.keyEncrypted', { kind: stanzas[0]![0]!.slice(0, 40) });
  }
  // Not a number (NaN) passes here and is refused by the identity as a malformed stanza.
  return { logN: Number(scrypt[2]), headerLength };
}

/** The first field an invite gets wrong, as its own message (invite:errors.field.<name>). */
function fieldError(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; code: string; params?: Record<string, unknown> }>): AppError {
  // The field rules (invite-fields.ts) report as custom issues, with the field and the value to show.
  const custom = issues.find((i) => i.code === 'custom');
  if (custom) {
    const { field, value } = custom.params as { field: string; value: string };
    return new AppError(`invite.field.${field}`, { value });
  }
  // A type or size failure zod caught first (a 10 MB field, a number where a string goes): the
  // value is not shown. A failed parse has at least one issue.
  const top = String(issues[0]!.path[0]);
  const field = top === 'endpoints' ? 'endpoint' : top === 'issuedAt' || top === 'expiresAt' ? 'expiry' : top;
  return new AppError(INVITE_FIELDS.includes(field as InviteField) ? `invite.field.${field}` : 'invite.notInviteContent', { value: '' });
}

const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');

function issuePaths(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey> }>): string {
  return [...new Set(issues.map((i) => i.path.map(String).join('.') || '(root)'))].join(',');
}
