import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { useAdminStore, type AdminIdentity } from './admin-store';
import { AccountBadge } from './accounts/account-badge';

/** "user/admin" → "admin"; "assumed-role/Role/session" → "Role/session". */
export function principalName(arn: string): string {
  const resource = arn.split(':').slice(5).join(':');
  const slash = resource.indexOf('/');
  return slash >= 0 ? resource.slice(slash + 1) : resource;
}

/** Who and which account is in use, always visible while signed in (in the app header). */
export function IdentityBar({ identity }: { identity: AdminIdentity }) {
  const { t, i18n } = useTranslation('admin');
  const signOut = useAdminStore((s) => s.signOut);
  const error = useAdminStore((s) => s.signOutError);
  const account = identity.accountAlias
    ? t('identity.accountWithAlias', { alias: identity.accountAlias, accountId: identity.accountId })
    : t('identity.account', { accountId: identity.accountId });
  const via =
    identity.method === 'profile' ? t('identity.viaProfile', { profile: identity.source ?? '' })
    : identity.method === 'sso' ? t('identity.viaSso', { source: identity.source ?? '' })
    : t('identity.viaKeys');
  const expires = identity.expiresAt
    ? t('identity.expires', { time: new Date(identity.expiresAt).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' }) })
    : null;
  const bar = (
    <div className="admin-identity" data-testid="admin-identity">
      <span>
        {t('identity.line', { principal: principalName(identity.arn), account })}
        <span className="admin-identity-via"> · {via}</span>
        {expires && <span className="admin-identity-via"> · {expires}</span>}
      </span>
      <AccountBadge identity={identity} />
      <button type="button" className="secondary admin-sign-out" onClick={() => void signOut()}>
        {t('identity.signOut')}
      </button>
    </div>
  );
  const slot = typeof document !== 'undefined' ? document.getElementById('header-slot') : null;
  return (
    <>
      {slot ? createPortal(bar, slot) : bar}
      <ErrorMessage error={error} />
    </>
  );
}
