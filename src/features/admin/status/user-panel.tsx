import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message';
import { bootstrapKeys, resyncableDevices } from './filter';
import { ActionConfirm } from './action-confirm';
import { ActionResult } from './action-result';
import { ResyncForm } from './resync-form';
import { useStatusStore, type ActionKind } from './status-store';

/** The selected user: keys and devices, and the actions, each confirmed first. */
export function UserPanel() {
  const { t, i18n } = useTranslation('adminStatus');
  const { users, selected, action, reading, select, start } = useStatusStore();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [selected]);
  const user = users?.find((u) => u.userName === selected);
  // A user deleted meanwhile leaves the list; say so where the panel was.
  if (!user) return <ErrorMessage error={action.error} />;

  const hasMfa = (user.mfaDevices ?? []).length > 0;
  // The actions work on key ids and device serials: only a row read live has them.
  const ready = user.source === 'live' && !reading;
  const why: Record<ActionKind, string | null> = {
    resend: hasMfa ? t('actions.resendNeedsNoMfa') : null,
    resetMfa: hasMfa ? null : t('actions.resetMfaNeedsDevice'),
    removeKeys: bootstrapKeys(user).length > 0 ? null : t('actions.removeKeysNone'),
    resync: resyncableDevices(user).length > 0 ? null : t('actions.resyncNeedsDevice'),
    askMfa: hasMfa ? t('actions.askMfaNeedsNoMfa') : null,
  };
  const window = user.onboardingWindow;
  const date = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString(i18n.language) : t('cell.unknown'));
  const showOutcome = action.issued || action.removed || action.resynced || action.asked;

  return (
    <section className="card status-panel" aria-labelledby="status-panel-h" data-testid="status-panel">
      <h3 id="status-panel-h" tabIndex={-1} ref={heading}>
        {t('panel.heading', { userName: user.userName })}
      </h3>
      <p className="hint" role="status" data-testid="status-panel-source">
        {ready ? t('panel.readAt') : t('panel.reading', { userName: user.userName })}
      </p>
      {window?.expired && (
        <p className="notice" data-testid="invite-expired">
          {t('panel.inviteExpired', { expiresAt: date(window.expiresAt) })}
        </p>
      )}
      {window?.open && !window.expired && <p className="hint">{t('panel.windowOpen', { expiresAt: date(window.expiresAt) })}</p>}
      <h4>{t('panel.keysHeading')}</h4>
      {user.accessKeys && user.accessKeys.length === 0 && <p className="hint">{t('panel.noKeys')}</p>}
      <ul className="status-keys">
        {(user.accessKeys ?? []).map((k) => (
          <li key={k.accessKeyId} className="mono" data-bootstrap={k.bootstrap}>
            {t('panel.keyLine', { accessKeyId: k.accessKeyId, created: date(k.createDate), days: k.ageDays ?? '?', lastUsed: k.lastUsedDate ? date(k.lastUsedDate) : t('cell.never') })} ·{' '}
            {k.bootstrap ? t('panel.keyBootstrap') : t('panel.keyKept')}
          </li>
        ))}
      </ul>
      <h4>{t('panel.devicesHeading')}</h4>
      {user.mfaDevices && user.mfaDevices.length === 0 && <p className="hint">{t('panel.noDevices')}</p>}
      <ul className="status-devices">
        {(user.mfaDevices ?? []).map((d) => (
          <li key={d.serialNumber} className="mono">
            {d.serialNumber} · {t(`panel.deviceKind.${d.kind}`)}
          </li>
        ))}
      </ul>

      <h4>{t('panel.actionsHeading')}</h4>
      {!action.kind && (
        <ul className="status-actions">
          {(['resend', 'resetMfa', 'removeKeys', 'resync', 'askMfa'] as const).map((kind) => (
            <li key={kind}>
              <button type="button" className={kind === 'resetMfa' || kind === 'removeKeys' ? 'danger' : 'secondary'} disabled={!ready || !!why[kind]} aria-describedby={`status-why-${kind}`} onClick={() => start(kind)}>
                {t(`actions.${kind}`)}
              </button>
              <span id={`status-why-${kind}`} className="hint">
                {why[kind] ?? t(`actions.${kind}Hint`)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {action.kind && !showOutcome && (action.kind === 'resync' ? <ResyncForm user={user} /> : <ActionConfirm user={user} kind={action.kind} />)}
      {showOutcome && <ActionResult />}
      {!action.kind && <ErrorMessage error={action.error} />}
      <div className="actions">
        <button type="button" className="secondary" onClick={() => select(null)}>
          {t('panel.close')}
        </button>
      </div>
    </section>
  );
}
