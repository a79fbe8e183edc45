import i18next from 'i18next';

export const formatDateTime = (iso: string, lng: string): string =>
  new Intl.DateTimeFormat(lng === 'ko' ? 'ko-KR' : 'en-US', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));

/** What the message to a new user needs to know (a single-user run or one user of a bulk run). */
export interface InviteFacts {
  userName: string;
  accountId: string;
  accountAlias: string | null;
  fileName: string;
  consoleUrl: string;
  expiresAt: string;
}

/**
 * The note the admin sends with the invite: Korean, then English, whatever the UI language (the
 * new employee's preference is unknown). It says where to get the app, and never contains the
 * password (main refuses to copy it if it did).
 */
export function inviteMessage(f: InviteFacts, appLocation: string): string {
  const params = (lng: 'ko' | 'en') => {
    const t = i18next.getFixedT(lng, 'adminUsers');
    return {
      userName: f.userName,
      account: f.accountAlias ? `${f.accountAlias} (${f.accountId})` : f.accountId,
      fileName: f.fileName,
      consoleUrl: f.consoleUrl,
      expiresAt: formatDateTime(f.expiresAt, lng),
      getApp: appLocation.trim() ? t('inviteMessage.getAppAt', { location: appLocation.trim() }) : t('inviteMessage.getAppAsk'),
    };
  };
  const part = (lng: 'ko' | 'en') => i18next.getFixedT(lng, 'adminUsers')('inviteMessage.body', params(lng));
  return `${part('ko')}\n\n----------\n\n${part('en')}`;
}

/** The message for a single-user run (empty until its invite is saved). */
export function buildInviteMessage(
  run: { userName: string; invite: { fileName: string; accountId: string; accountAlias: string | null; consoleUrl: string; expiresAt: string | null } | null },
  appLocation: string,
): string {
  const invite = run.invite;
  if (!invite?.expiresAt) return '';
  return inviteMessage({ userName: run.userName, ...invite, expiresAt: invite.expiresAt }, appLocation);
}
