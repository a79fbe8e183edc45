import { armor, Decrypter, Encrypter, generateIdentity, identityToRecipient } from 'age-encryption';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { writePrivateFileSync } from '../../platform/private-file';
import type { SecretStore } from '../../platform/ports';

/**
 * The key of one bulk run. Temporary passwords must survive a crash (the admin still has to hand
 * them out), yet never sit on disk in plain text: each is sealed with age to this run's X25519
 * recipient and the ciphertext goes into the journal. The identity itself is stored encrypted by
 * the OS keychain (safeStorage) next to the journal, and deleted when the admin closes the run.
 */
export class RunKey {
  private constructor(
    private identity: string | null,
    private readonly recipient: string,
    /** True when the stored identity could not be read and this is a new one. */
    readonly replaced: boolean,
  ) {}

  /** A new key for a new run, saved (encrypted) at `path`. */
  static async create(path: string, secrets: SecretStore): Promise<RunKey> {
    const identity = await generateIdentity();
    writePrivateFileSync(path, secrets.encrypt(identity));
    return new RunKey(identity, await identityToRecipient(identity), false);
  }

  /**
   * The run's key after a restart. If the keychain cannot open it (another computer or user, a
   * reset keychain), a new key replaces it: passwords sealed to the old one are then lost, and
   * the runner issues those users new ones.
   */
  static async load(path: string, secrets: SecretStore): Promise<RunKey> {
    try {
      if (existsSync(path)) {
        const identity = secrets.decrypt(readFileSync(path));
        return new RunKey(identity, await identityToRecipient(identity), false);
      }
    } catch {
      // fall through: unreadable
    }
    const fresh = await RunKey.create(path, secrets);
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
  static destroy(path: string): void {
    rmSync(path, { force: true });
  }
}
