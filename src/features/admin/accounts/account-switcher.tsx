import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message';
import { accountLabel } from './account-badge';
import { EXTERNAL_ID, ROLE_NAME, useAccountsStore, type AccountList } from './accounts-store';
import { MfaPrompt } from './mfa-prompt';

type Account = AccountList['accounts'][number];

/** Role name and external ID for AssumeRole, each checked under its field. */
function RoleFields() {
  const { t } = useTranslation('adminAccounts');
  const { roleName, externalId, setRole } = useAccountsStore();
  const roleBad = !ROLE_NAME.test(roleName.trim());
  const extBad = externalId.trim() !== '' && !EXTERNAL_ID.test(externalId.trim());
  return (
    <div className="field-row">
      <div className="field">
        <label htmlFor="account-role">{t('switcher.roleName')}</label>
        <input id="account-role" className="mono" value={roleName} onChange={(e) => setRole({ roleName: e.target.value })} aria-invalid={roleBad || undefined} aria-describedby="account-role-hint" />
        <span id="account-role-hint" className={roleBad ? 'field-error' : 'hint'}>
          {roleBad ? t('switcher.roleInvalid') : t('switcher.roleHint')}
        </span>
      </div>
      <div className="field">
        <label htmlFor="account-external-id">{t('switcher.externalId')}</label>
        <input id="account-external-id" className="mono" value={externalId} onChange={(e) => setRole({ externalId: e.target.value })} aria-invalid={extBad || undefined} aria-describedby={extBad ? 'account-external-id-error' : undefined} />
        {extBad && (
          <span id="account-external-id-error" className="field-error">
            {t('switcher.externalIdInvalid')}
          </span>
        )}
      </div>
    </div>
  );
}

function Row({ account, sso }: { account: Account; sso: boolean }) {
  const { t } = useTranslation('adminAccounts');
  const { switching, switchTo, roleName, externalId } = useAccountsStore();
  const blocked = !sso && !account.home && (!ROLE_NAME.test(roleName.trim()) || (externalId.trim() !== '' && !EXTERNAL_ID.test(externalId.trim())));
  const [picked, setPicked] = useState(account.roles?.[0] ?? '');
  return (
    <tr data-testid={`account-row-${account.accountId}`} aria-current={account.current ? 'true' : undefined}>
      <th scope="row">
        {account.name}
        {account.home && <span className="hint"> · {t('switcher.home')}</span>}
        {account.current && <strong> · {t('switcher.current')}</strong>}
      </th>
      <td className="mono">{account.accountId}</td>
      <td>{account.status ?? ''}</td>
      <td>
        {sso && account.roles && (
          <select aria-label={t('switcher.columns.role')} value={picked} onChange={(e) => setPicked(e.target.value)}>
            {account.roles.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        )}
      </td>
      <td>
        <button
          type="button"
          className="secondary"
          disabled={account.current || switching !== null || blocked}
          aria-label={t('switcher.switchTo', { account: accountLabel(account) })}
          onClick={() => void switchTo(account.accountId, sso && picked ? { roleName: picked } : {})}
        >
          {switching === account.accountId ? t('switcher.switching') : t('switcher.switch')}
        </button>
      </td>
    </tr>
  );
}

/** The accounts the admin can work in, a filter, the role to assume, and the MFA prompt when a role asks for it. */
export function AccountSwitcher() {
  const { t } = useTranslation('adminAccounts');
  const { list, filter, setFilter, switchError, mfa, switching, submitMfa, cancelMfa } = useAccountsStore();
  if (!list) return null;
  const sso = list.source === 'sso';
  const f = filter.trim().toLowerCase();
  const shown = f ? list.accounts.filter((a) => a.name.toLowerCase().includes(f) || a.accountId.includes(f)) : list.accounts;
  return (
    <div data-testid="account-switcher">
      {list.notice && (
        <p className="notice" role="status">
          {t(`switcher.notices.${list.notice}`, { permission: list.missingPermission ?? '' })}
        </p>
      )}
      {!sso && list.source === 'organizations' && <RoleFields />}
      {mfa && (
        <MfaPrompt
          id="switch-mfa"
          role={mfa.roleName}
          account={accountLabel({ accountId: mfa.accountId, name: list.accounts.find((a) => a.accountId === mfa.accountId)?.name ?? null })}
          device={mfa.deviceName}
          busy={switching !== null}
          error={switchError}
          onSubmit={(code) => void submitMfa(code)}
          onCancel={cancelMfa}
        />
      )}
      {!mfa && <ErrorMessage error={switchError} />}
      {list.accounts.length > 8 && (
        <div className="field">
          <label htmlFor="account-filter">{t('switcher.filter')}</label>
          <input id="account-filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} aria-describedby="account-filter-hint" />
          <span id="account-filter-hint" className="hint">
            {t('switcher.filterHint')}
          </span>
        </div>
      )}
      <table className="admin-table" data-testid="accounts-table">
        <caption>
          {t('switcher.caption')} · {t('switcher.count', { count: list.accounts.length })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('switcher.columns.name')}</th>
            <th scope="col">{t('switcher.columns.id')}</th>
            <th scope="col">{t('switcher.columns.status')}</th>
            <th scope="col">{sso ? t('switcher.columns.role') : ''}</th>
            <th scope="col">{t('switcher.columns.action')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((a) => (
            <Row key={a.accountId} account={a} sso={sso} />
          ))}
        </tbody>
      </table>
      {shown.length === 0 && <p className="hint">{t('switcher.noMatch', { filter })}</p>}
    </div>
  );
}
