import i18next from 'i18next';
import type { ProvisionRun } from '../../../shared/ipc/channels/admin-users';

export const formatDateTime = (iso: string, lng: string): string =>
  new Intl.DateTimeFormat(lng === 'ko' ? 'ko-KR' : 'en-US', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));

/**
 * The note the admin sends with the invite: Korean, then English, whatever the UI language (the
 * new employee's preference is unknown). It never contains the password; main refuses to copy it
 * if it did.
 */
export function buildInviteMessage(run: ProvisionRun): string {
  const invite = run.invite;
  if (!invite?.expiresAt) return '';
  const params = (lng: string) => ({
    userName: run.userName,
    account: invite.accountAlias ? `${invite.accountAlias} (${invite.accountId})` : invite.accountId,
    fileName: invite.fileName,
    consoleUrl: invite.consoleUrl,
    expiresAt: formatDateTime(invite.expiresAt!, lng),
  });
  const part = (lng: 'ko' | 'en') => i18next.getFixedT(lng, 'adminUsers')('inviteMessage.body', params(lng));
  return `${part('ko')}\n\n----------\n\n${part('en')}`;
}
