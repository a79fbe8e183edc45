import { armor, Decrypter, Encrypter, generateIdentity, identityToRecipient } from 'age-encryption';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { AppError } from '../../../src/shared/errors/app-error';
import { NativeScryptIdentity, NativeScryptRecipient } from '../../invites/native-scrypt';
import { writePrivateFileSync } from '../../platform/private-file';
import type { SecretStore } from '../../platform/ports';

/** Where a run's key lives: encrypted by the OS keychain, or sealed to the admin's passphrase. */
export interface KeyFiles {
  key: string;
  sealedKey: string;
}

/**
 * How the run key is kept at rest. `keychain` only where the OS keychain really protects it
 * (SecretStore.protection() === 'os'); on Linux without a keyring Electron's "encryption" uses a
 * hard-coded password, so there the admin types a passphrase and the key is sealed to it with age.
 */
export type KeySealing = { kind: 'keychain'; secrets: SecretStore } | { kind: 'passphrase'; passphrase: string };

/** A human-typed passphrase: a heavier scrypt than invites (whose passphrase is a long random password). */
const PASSPHRASE_LOG_N = 17;

/**
 * The key of one bulk run. Temporary passwords must survive a crash (the admin still has to hand
 * them out), yet never sit on disk in plain text: each is sealed with age to this run's X25519
 * recipient and the ciphertext goes into the journal. The identity itself is stored encrypted next
 * to the journal (keychain or passphrase, see KeySealing), and deleted when the admin closes the run.
 */
export class RunKey {
  private constructor(
    private identity: string | null,
    private readonly recipient: string,
    /** True when the stored identity could not be read (or was given up) and this is a new one. */
    readonly replaced: boolean,
  ) {}

  /** A new key for a new run, saved encrypted as `sealing` says. */
  static async create(files: KeyFiles, sealing: KeySealing): Promise<RunKey> {
    const identity = await generateIdentity();
    if (sealing.kind === 'keychain') {
      let cipher: Buffer;
      try {
        cipher = sealing.secrets.encrypt(identity);
      } catch (e) {
        throw new AppError('adminBulk.keychainFailed', {}, { cause: e });
      }
      writePrivateFileSync(files.key, cipher);
    } else {
      const e = new Encrypter();
      e.addRecipient(new NativeScryptRecipient(sealing.passphrase, PASSPHRASE_LOG_N));
      writePrivateFileSync(files.sealedKey, armor.encode(await e.encrypt(identity)));
    }
    return new RunKey(identity, await identityToRecipient(identity), false);
  }

  /** The run's key is sealed to a passphrase: resuming it needs the admin to type it. */
  static needsPassphrase(files: KeyFiles): boolean {
    return existsSync(files.sealedKey);
  }

  /**
   * The run's key after a restart. A passphrase-sealed key needs its passphrase (a wrong one is
   * refused, never replaced). A keychain key the keychain cannot open (another computer or user, a
   * reset keychain) is replaced by a new one, as is any key when the admin gives it up
   * (`forget`): passwords sealed to the old key are then lost, and the runner issues new ones.
   */
  static async load(files: KeyFiles, o: { secrets: SecretStore; passphrase?: string | null; forget?: boolean }): Promise<RunKey> {
    if (!o.forget) {
      if (existsSync(files.sealedKey)) {
        if (!o.passphrase) throw new AppError('adminBulk.passphraseNeeded');
        const identity = await openSealed(readFileSync(files.sealedKey, 'utf8'), o.passphrase);
        return new RunKey(identity, await identityToRecipient(identity), false);
      }
      try {
        if (existsSync(files.key)) {
          const identity = o.secrets.decrypt(readFileSync(files.key));
          return new RunKey(identity, await identityToRecipient(identity), false);
        }
      } catch {
        // fall through: unreadable
      }
    }
    RunKey.destroy(files);
    const sealing: KeySealing = o.passphrase ? { kind: 'passphrase', passphrase: o.passphrase } : { kind: 'keychain', secrets: o.secrets };
    if (sealing.kind === 'keychain' && o.secrets.protection() !== 'os') throw new AppError('adminBulk.passphraseNeeded');
    const fresh = await RunKey.create(files, sealing);
    return new RunKey(fresh.identity, fresh.recipient, true);
  }

  /** Seals a password to the run's recipient (armored text, safe in a JSON line). */
  async seal(password: string): Promise<string> {
    const e = new Encrypter();
    e.addRecipient(this.recipient);
    return armor.encode(await e.encrypt(password));
  }

  /** The password, or null when it was sealed to another key (or the key is gone). */
  async open(sealed: string): Promise<string | null> {
    if (!this.identity) return null;
    try {
      const d = new Decrypter();
      d.addIdentity(this.identity);
      return new TextDecoder().decode(await d.decrypt(armor.decode(sealed)));
    } catch {
      return null;
    }
  }

  /** Drops the identity from memory (the file stays, so a resume can unseal again). */
  forget(): void {
    this.identity = null;
  }

  /** The run is closed: the identity goes, and with it every sealed password. */
  static destroy(files: KeyFiles): void {
    rmSync(files.key, { force: true });
    rmSync(files.sealedKey, { force: true });
  }
}

async function openSealed(text: string, passphrase: string): Promise<string> {
  try {
    const d = new Decrypter();
    d.addIdentity(new NativeScryptIdentity(passphrase, PASSPHRASE_LOG_N));
    return new TextDecoder().decode(await d.decrypt(armor.decode(text)));
  } catch (e) {
    throw new AppError('adminBulk.passphraseWrong', {}, { cause: e });
  }
}
