import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CodeField } from '../../../components/code-field';
import { ErrorMessage } from '../../../components/error-message';
import type { AppErrorShape } from '../../../shared/errors/app-error';

/**
 * The one MFA prompt a role's trust policy may cause: it names the role, the account and the device.
 * The code is checked for shape here (six digits, under the field); AWS decides the rest.
 */
export function MfaPrompt(props: {
  id: string;
  role: string;
  account: string;
  device: string;
  busy: boolean;
  error: AppErrorShape | null;
  onSubmit(code: string): void;
  onCancel(): void;
}) {
  const { t } = useTranslation('adminAccounts');
  const [code, setCode] = useState('');
  const [tried, setTried] = useState(false);
  const clean = code.replace(/\s/g, '');
  const valid = /^\d{6}$/.test(clean);
  return (
    <form
      className="notice"
      role="group"
      aria-labelledby={`${props.id}-title`}
      data-testid="account-mfa-prompt"
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (valid) props.onSubmit(clean);
      }}
    >
      <h3 id={`${props.id}-title`}>{t('mfa.title', { role: props.role })}</h3>
      <p>{t('mfa.prompt', { role: props.role, account: props.account, device: props.device })}</p>
      <CodeField id={`${props.id}-code`} label={t('mfa.code')} value={code} onChange={setCode} hint={t('mfa.once')} problem={tried && !valid ? t('mfa.invalid') : undefined} autoFocus />
      <ErrorMessage error={props.error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={props.busy}>
          {t('mfa.submit')}
        </button>
        <button type="button" className="secondary" onClick={props.onCancel}>
          {t('mfa.cancel')}
        </button>
      </div>
    </form>
  );
}
