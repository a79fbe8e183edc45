import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../../src/shared/errors/app-error';
import { INVITE_FILE_EXTENSION, INVITE_MAX_BYTES } from '../../src/shared/invites/invite-schema';
import type { Dialogs } from '../platform/ports';

/**
 * The invite the user picks in the file dialog. It is still encrypted, so its bytes may go to the
 * renderer (which shows the name and sends it back with the password, as for a dropped file).
 */
export async function chooseInviteFile(
  dialogs: Dialogs,
  labels: { title: string; filterName: string },
): Promise<{ chosen: true; fileName: string; base64: string } | { chosen: false }> {
  const path = await dialogs.openFile({
    title: labels.title,
    filters: [{ name: labels.filterName, extensions: [INVITE_FILE_EXTENSION.split('.').pop()!] }],
  });
  if (!path) return { chosen: false };
  let bytes: Buffer;
  try {
    const { size } = await stat(path);
    if (size > INVITE_MAX_BYTES) throw new AppError('invite.tooLarge', { maxBytes: INVITE_MAX_BYTES });
    // An empty file would reach onboarding:signIn as an empty string, which the channel's input
    // schema refuses with a generic "invalid input": say what is wrong, here, when it is chosen.
    if (size === 0) throw new AppError('invite.empty');
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('onboarding.inviteReadFailed', { file: basename(path) });
  }
  return { chosen: true, fileName: basename(path), base64: bytes.toString('base64') };
}
