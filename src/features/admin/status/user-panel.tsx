import { useEffect, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message';
import { bootstrapKeys, keyProblem, resyncableDevices, tagText, visibleTags } from './filter';
import { ActionConfirm } from './action-confirm';
import { ActionResult } from './action-result';
import { ResyncForm } from './resync-form';
import { useStatusStore, type ActionKind } from './status-store';

/** The row button that opened the panel for `userName` (rows are re-rendered, so looked up, not kept). */
const rowButton = (userName: string) => document.querySelector<HTMLElement>(`[data-testid="status-row-${CSS.escape(userName)}"] .row-open`);

/**
 * The selected user, in a side panel that stays in view beside the table: keys and devices, and the
 * actions, each confirmed first. Focus moves into it; Escape or Close returns focus to the row.
 */
export function UserPanel({ now }: { now: number }) {
  const { t, i18n } = useTranslation('adminStatus');
  const { users, selected, action, reading, passwordCopied, select, start } = useStatusStore();
  const heading = useRef<HTMLHeadingElement>(null);
  const panel = useRef<HTMLElement>(null);
  useEffect(() => heading.current?.focus(), [selected]);
  // Fixed to the window's right edge, below the header and the section tabs (sign-out stays reachable):
  // its top follows the page area's top as the page scrolls, down to the window's top.
  useLayoutEffect(() => {
    const el = panel.current;
    const page = el?.closest('.admin-page');
    if (!el || !page) return;
    const place = () => (el.style.top = `${Math.max(0, page.getBoundingClientRect().top)}px`);
    place();
    window.addEventListener('scroll', place, { passive: true });
    window.addEventListener('resize', place);
    return () => {
      window.removeEventListener('scroll', place);
      window.removeEventListener('resize', place);
    };
  }, [selected]);
  const user = users?.find((u) => u.userName === selected);
  const close = () => {
    select(null);
    if (selected) rowButton(selected)?.focus();
  };
  // Escape closes, except mid-action or while a new password is on screen and not copied (shown once).
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || action.busy || (action.issued?.temporaryPassword && !passwordCopied)) return;
    e.stopPropagation();
    close();
  };
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
  const invite = user.onboardingWindow;
  const date = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString(i18n.language) : t('cell.unknown'));
  const showOutcome = action.issued || action.removed || action.resynced || action.asked;

  return (
    <section ref={panel} className="status-panel" role="dialog" aria-modal="false" aria-labelledby="status-panel-h" data-testid="status-panel" onKeyDown={onKeyDown}>
      <h3 id="status-panel-h" tabIndex={-1} ref={heading}>
        {t('panel.heading', { userName: user.userName })}
      </h3>
      <p className="hint" role="status" data-testid="status-panel-source">
        {ready ? t('panel.readAt') : t('panel.reading', { userName: user.userName })}
      </p>
      {invite?.expired && (
        <p className="notice" data-testid="invite-expired">
          {t('panel.inviteExpired', { expiresAt: date(invite.expiresAt) })}
        </p>
      )}
      {invite?.open && !invite.expired && <p className="hint">{t('panel.windowOpen', { expiresAt: date(invite.expiresAt) })}</p>}
      <dl className="status-facts">
        <dt>{t('table.console')}</dt>
        <dd>{user.consolePassword === null ? t('cell.unknown') : !user.consolePassword ? t('cell.noPassword') : user.passwordResetRequired ? t('cell.pendingReset') : t('cell.passwordSet')}</dd>
        <dt>{t('table.groups')}</dt>
        <dd>{user.groups === null ? t('cell.unknown') : user.groups.join(', ') || t('cell.none')}</dd>
        <dt>{t('table.tags')}</dt>
        <dd>{user.tags === null ? t('cell.unknown') : visibleTags(user.tags).map(tagText).join(', ') || t('cell.none')}</dd>
      </dl>
      <h4>{t('panel.keysHeading')}</h4>
      {user.accessKeys && user.accessKeys.length === 0 && <p className="hint">{t('panel.noKeys')}</p>}
      <ul className="status-keys">
        {(user.accessKeys ?? []).map((k) => {
          const problem = keyProblem(user, k, now);
          return (
            <li key={k.accessKeyId} data-bootstrap={k.bootstrap} data-problem={problem ?? undefined}>
              <span className="mono">{k.accessKeyId}</span> · {t(k.ageDays === null ? 'panel.keyLine' : 'panel.keyLineAge', { created: date(k.createDate), count: k.ageDays ?? 0, lastUsed: k.lastUsedDate ? date(k.lastUsedDate) : t('cell.never') })} ·{' '}
              {k.bootstrap ? t('panel.keyBootstrap') : t('panel.keyKept')}{' '}
              {problem && (
                <span className="key-badge" data-problem={problem}>
                  {t(`cell.keyProblem.${problem}`)}
                </span>
              )}
            </li>
          );
        })}
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
        <button type="button" className="secondary" onClick={close}>
          {t('panel.close')}
        </button>
      </div>
    </section>
  );
}
