/**
 * Invite files: the JSON payload, encrypted with age to an scrypt passphrase recipient (the new
 * user's temporary password), ASCII-armored so it survives being pasted into a mail.
 *
 * scrypt runs natively (native-scrypt.ts), off the main thread. Work factor: age's default is
 * logN=18. Measured first with age-encryption 0.3.1's pure-JS scrypt on Node 20, 2 vCPU, encrypt/decrypt in ms:
 *   logN 14: ~105 / ~75   (16 MiB)     logN 15: ~170 / ~160 (32 MiB)
 *   logN 16: ~300 / ~440  (64 MiB)     logN 18: ~1200 / ~1230 (256 MiB)
 * We use 15. The passphrase is a generated >= 20-character password from ~80 symbols (~125 bits),
 * so brute force is out of reach at any work factor; scrypt here only has to not be free.
 *
 * Error mapping (what age 0.3.1 lets us tell apart, found by experiment):
 * - header not a well-formed single-scrypt-stanza age v1 header (incl. armor damage)  -> notAnInvite
 * - scrypt stanza present but the file key does not unwrap ("no identity matched")    -> wrongPassword.
 *   The wrapped key is authenticated only by the passphrase-derived key, so a changed salt, work
 *   factor or wrapped key is indistinguishable from a wrong password. We say "wrong password".
 * - file key unwrapped but the header MAC fails                                       -> tampered
 * - payload STREAM chunk fails to authenticate, truncated, or trailing data            -> tampered
 * - decrypts, but not UTF-8 JSON matching the schema                                   -> tampered
 * The header is opened first with `decryptHeader`, then the payload with an identity that returns
 * the already-unwrapped key, so scrypt runs once and we know which phase failed.
 */
import { armor, Decrypter, Encrypter, type Identity } from 'age-encryption';
import { NativeScryptIdentity, NativeScryptRecipient } from './native-scrypt';
import { AppError } from '../../src/shared/errors/app-error';
import {
  INVITE_FORMAT,
  INVITE_MAX_BYTES,
  INVITE_VERSION,
  invitePayloadSchema,
  type InvitePayload,
} from '../../src/shared/invites/invite-schema';

export const INVITE_SCRYPT_LOG_N = 15;
/** Refuse to run scrypt above this: a crafted header with logN 20 costs 1 GiB and seconds of CPU. */
export const INVITE_MAX_ACCEPTED_LOG_N = 16;

const ARMOR_BEGIN = '-----BEGIN AGE ENCRYPTED FILE-----';
const ARMOR_END = '-----END AGE ENCRYPTED FILE-----';
const AGE_MAGIC = 'age-encryption.org/v1\n';

// A passphrase file has exactly one stanza: "-> scrypt <salt b64 16 bytes> <logN>", the 32-byte
// wrapped key on one line, then "--- <MAC b64 32 bytes>".
const SCRYPT_HEADER =
  /^age-encryption\.org\/v1\n-> scrypt [A-Za-z0-9+/]{22} ([1-9][0-9]{0,1})\n[A-Za-z0-9+/]{43}\n--- [A-Za-z0-9+/]{43}\n/;

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
  if (!(file instanceof Uint8Array) || file.length === 0) throw new AppError('invite.empty');
  if (file.length > INVITE_MAX_BYTES) throw new AppError('invite.tooLarge', { maxBytes: INVITE_MAX_BYTES });

  const binary = toBinary(file);
  const header = SCRYPT_HEADER.exec(latin1Prefix(binary, 256));
  if (!header) throw new AppError('invite.notAnInvite');
  if (Number(header[1]) > INVITE_MAX_ACCEPTED_LOG_N) throw new AppError('invite.notAnInvite');
  if (passphrase.length === 0) throw new AppError('invite.wrongPassword');

  // Phase 1: header (scrypt + key unwrap + header MAC).
  let fileKey: Uint8Array;
  try {
    const d = new Decrypter();
    d.addIdentity(new NativeScryptIdentity(passphrase, INVITE_MAX_ACCEPTED_LOG_N));
    fileKey = await d.decryptHeader(binary);
  } catch (e) {
    // Messages of age-encryption 0.3.1; pinned by the codec tests.
    const msg = e instanceof Error ? e.message : '';
    if (msg.includes('no identity matched')) throw new AppError('invite.wrongPassword');
    if (msg.includes('header HMAC')) throw new AppError('invite.tampered');
    throw new AppError('invite.notAnInvite');
  }

  // Phase 2: payload, with the key we already have.
  let plaintext: Uint8Array;
  try {
    const d = new Decrypter();
    const known: Identity = { unwrapFileKey: () => fileKey };
    d.addIdentity(known);
    plaintext = await d.decrypt(binary);
  } catch {
    throw new AppError('invite.tampered');
  } finally {
    fileKey.fill(0);
  }

  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plaintext));
  } catch {
    // No cause attached: JSON.parse messages quote the input, which holds the secret key.
    throw new AppError('invite.tampered');
  } finally {
    plaintext.fill(0);
  }

  if (isObject(json) && json.format === INVITE_FORMAT && json.version !== INVITE_VERSION) {
    throw new AppError('invite.unsupportedVersion', {
      version: typeof json.version === 'number' || typeof json.version === 'string' ? json.version : 'unknown',
      supported: INVITE_VERSION,
    });
  }
  const parsed = invitePayloadSchema.safeParse(json);
  if (!parsed.success) throw new AppError('invite.tampered');
  const invite = parsed.data;
  if (Date.parse(invite.expiresAt) <= nowMs) throw new AppError('invite.expired', { expiresAt: invite.expiresAt });
  return invite;
}

/** Armored (what we write) or binary age (what `age -a` users might convert to) -> binary. */
function toBinary(file: Uint8Array): Uint8Array {
  if (startsWith(file, AGE_MAGIC)) return file;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    throw new AppError('invite.notAnInvite');
  }
  const begin = text.indexOf(ARMOR_BEGIN);
  if (begin < 0) throw new AppError('invite.notAnInvite');
  const afterBegin = begin + ARMOR_BEGIN.length;
  const end = text.indexOf(ARMOR_END, afterBegin);
  // Mail clients re-wrap lines, add CRLF, indentation or trailing spaces: the armor's line layout
  // carries no information (age authenticates the bytes), so re-flow before the strict decoder.
  // A missing END line means a truncated paste: decode what is there and let authentication fail.
  let body = text.slice(afterBegin, end < 0 ? undefined : end).replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length === 0) throw new AppError('invite.notAnInvite');
  if (end < 0) body = body.slice(0, body.length - (body.length % 4));
  const lines = body.match(/.{1,64}/g) ?? [];
  try {
    return armor.decode(`${ARMOR_BEGIN}\n${lines.join('\n')}\n${ARMOR_END}\n`);
  } catch {
    throw new AppError('invite.notAnInvite');
  }
}

function startsWith(bytes: Uint8Array, ascii: string): boolean {
  if (bytes.length < ascii.length) return false;
  for (let i = 0; i < ascii.length; i++) if (bytes[i] !== ascii.charCodeAt(i)) return false;
  return true;
}

function latin1Prefix(bytes: Uint8Array, n: number): string {
  let s = '';
  for (let i = 0; i < Math.min(n, bytes.length); i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function issuePaths(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey> }>): string {
  return [...new Set(issues.map((i) => i.path.map(String).join('.') || '(root)'))].join(',');
}
