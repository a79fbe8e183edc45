import { RegisterClientCommand } from '@aws-sdk/client-sso-oidc';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { writePrivateFile } from '../../platform/private-file';
import { join } from 'node:path';
import type { AppDeps } from '../../app/app-deps';

export interface SsoClientRegistration {
  clientId: string;
  clientSecret: string;
  /** Seconds since the epoch. */
  clientSecretExpiresAt: number;
}

const EXPIRY_MARGIN_S = 3600;

/**
 * The OIDC client registration is valid for months; registering on every sign-in would be
 * wasteful, so it is cached per region and endpoint — encrypted with the OS secret store, never
 * in plain text — until clientSecretExpiresAt. Where the OS has no real keychain (secrets.protection()
 * is not 'os') nothing is cached: the app registers again at every sign-in, and the screen says why.
 */
export class SsoClientCache {
  constructor(private readonly deps: AppDeps) {}

  private file(region: string): string {
    const endpoint = this.deps.aws.endpointOverride('sso-oidc') ?? 'aws';
    const key = createHash('sha256').update(`${region}\n${endpoint}`).digest('hex').slice(0, 16);
    return join(this.deps.platform.paths.userData, 'sso', `client-${key}.bin`);
  }

  async get(region: string): Promise<SsoClientRegistration> {
    const cached = await this.read(region);
    if (cached) return cached;
    const out = await this.deps.aws.ssoOidc(region).send(
      new RegisterClientCommand({ clientName: 'iam-onboarding-assistant', clientType: 'public' }),
    );
    const reg: SsoClientRegistration = {
      clientId: out.clientId ?? '',
      clientSecret: out.clientSecret ?? '',
      clientSecretExpiresAt: out.clientSecretExpiresAt ?? 0,
    };
    await this.write(region, reg);
    return reg;
  }

  /** The server no longer knows the client (InvalidClientException): register again next time. */
  async forget(region: string): Promise<void> {
    await rm(this.file(region), { force: true });
  }

  private async read(region: string): Promise<SsoClientRegistration | null> {
    const secrets = this.deps.platform.secrets;
    // Only under a real keychain: a `basic_text` "encrypted" client secret is as good as plain text.
    if (secrets.protection() !== 'os') return null;
    try {
      const reg = JSON.parse(secrets.decrypt(await readFile(this.file(region)))) as SsoClientRegistration;
      const nowS = this.deps.clock.now() / 1000;
      return reg.clientId && reg.clientSecretExpiresAt - EXPIRY_MARGIN_S > nowS ? reg : null;
    } catch {
      return null; // missing, from another OS user, or corrupt: register again
    }
  }

  private async write(region: string, reg: SsoClientRegistration): Promise<void> {
    const secrets = this.deps.platform.secrets;
    if (secrets.protection() !== 'os') return;
    try {
      const path = this.file(region);
      await mkdir(join(path, '..'), { recursive: true });
      await writePrivateFile(path, secrets.encrypt(JSON.stringify(reg)));
    } catch (error) {
      this.deps.log.warn('admin.ssoClientCacheWriteFailed', { error: (error as Error).message });
    }
  }
}
