import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway home + user-data folder, so a test never touches the real ~/.aws and can scan what the app wrote. */
export function tempHome(): { home: string; userData: string; awsConfigFile: string; awsCredentialsFile: string } {
  const home = mkdtempSync(join(tmpdir(), 'iam-e2e-'));
  const userData = join(home, 'userData');
  mkdirSync(join(home, '.aws'), { recursive: true });
  mkdirSync(userData, { recursive: true });
  return { home, userData, awsConfigFile: join(home, '.aws', 'config'), awsCredentialsFile: join(home, '.aws', 'credentials') };
}
