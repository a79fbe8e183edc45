import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from '@playwright/test';

/** Screenshots a QR code as shown on screen and decodes it with zbarimg (a real decoder, as a phone camera would). */
export async function decodeQrOnScreen(qr: Locator): Promise<string> {
  const png = await qr.screenshot();
  const file = join(mkdtempSync(join(tmpdir(), 'qr-')), 'qr.png');
  writeFileSync(file, png);
  const out = execFileSync('zbarimg', ['--quiet', '--raw', file], { encoding: 'utf8' });
  return out.trim();
}

export function seedFromOtpauth(uri: string): string {
  const secret = new URL(uri).searchParams.get('secret');
  if (!secret) throw new Error(`no secret in ${uri}`);
  return secret;
}
