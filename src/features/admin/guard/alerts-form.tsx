import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { alertText } from './alert-text';
import { useGuardStore } from './guard-store';

/**
 * Where alerts go: a Slack incoming-webhook URL and/or an e-mail address. The URL lives in this form's state only
 * until "review" sends it to main; the field is cleared at once and the screen never shows it again.
 */
export function AlertsForm() {
  const { t } = useTranslation('adminGuard');
  const busy = useGuardStore((s) => s.busy);
  const planAlerts = useGuardStore((s) => s.planAlerts);
  const [webhook, setWebhook] = useState('');
  const [email, setEmail] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const slackWebhookUrl = webhook.trim();
    setWebhook('');
    void planAlerts({ ...(slackWebhookUrl ? { slackWebhookUrl } : {}), ...(email.trim() ? { email: email.trim() } : {}), text: alertText(t) });
  };
  return (
    <form onSubmit={submit} data-testid="alerts-form" noValidate>
      <div className="field">
        <label htmlFor="guard-webhook">{t('checks.rootAlerts.webhook')}</label>
        <input
          id="guard-webhook"
          type="password"
          className="mono"
          autoComplete="off"
          spellCheck={false}
          aria-describedby="guard-webhook-hint"
          value={webhook}
          onChange={(e) => setWebhook(e.target.value)}
        />
        <span className="hint" id="guard-webhook-hint">
          {t('checks.rootAlerts.webhookHint')}
        </span>
      </div>
      <div className="field">
        <label htmlFor="guard-email">{t('checks.rootAlerts.email')}</label>
        <input id="guard-email" type="email" autoComplete="off" aria-describedby="guard-email-hint" value={email} onChange={(e) => setEmail(e.target.value)} />
        <span className="hint" id="guard-email-hint">
          {t('checks.rootAlerts.emailHint')}
        </span>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || (!webhook.trim() && !email.trim())}>
          {t('checks.rootAlerts.review')}
        </button>
      </div>
    </form>
  );
}
