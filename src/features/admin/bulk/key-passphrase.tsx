import { useTranslation } from 'react-i18next';
import { SHEET_PASSPHRASE_MIN } from '../../../shared/admin-limits';

export interface KeyPassphraseValue {
  pass: string;
  again: string;
}

/** What is wrong with the run key passphrase, if anything (typed twice, long enough). */
export const keyPassphraseProblem = (v: KeyPassphraseValue): 'tooShort' | 'mismatch' | null =>
  v.pass.length < SHEET_PASSPHRASE_MIN ? 'tooShort' : v.pass !== v.again ? 'mismatch' : null;

/**
 * Shown where the OS keychain is weak or missing: why the run key needs a passphrase, and the
 * passphrase typed twice.
 */
export function KeyPassphrase({ storage, value, onChange, showProblem }: { storage: 'weak' | 'none'; value: KeyPassphraseValue; onChange(v: KeyPassphraseValue): void; showProblem: boolean }) {
  const { t } = useTranslation('adminBulk');
  const problem = keyPassphraseProblem(value);
  return (
    <fieldset data-testid="bulk-key-passphrase">
      <legend>{t('keyProtection.heading')}</legend>
      <p className="notice">{t(`keyProtection.${storage}`)}</p>
      <div className="field">
        <label htmlFor="bulk-key-pass">{t('keyProtection.passphrase', { min: SHEET_PASSPHRASE_MIN })}</label>
        <input id="bulk-key-pass" type="password" autoComplete="new-password" value={value.pass} aria-describedby="bulk-key-hint" onChange={(e) => onChange({ ...value, pass: e.target.value })} />
        <p id="bulk-key-hint" className="hint">
          {t('keyProtection.hint')}
        </p>
      </div>
      <div className="field">
        <label htmlFor="bulk-key-again">{t('keyProtection.confirm')}</label>
        <input
          id="bulk-key-again"
          type="password"
          autoComplete="new-password"
          value={value.again}
          aria-invalid={showProblem && problem !== null}
          aria-describedby={showProblem && problem ? 'bulk-key-error' : undefined}
          onChange={(e) => onChange({ ...value, again: e.target.value })}
        />
        {showProblem && problem && (
          <p id="bulk-key-error" className="field-error">
            {t(`keyProtection.${problem}`, { min: SHEET_PASSPHRASE_MIN })}
          </p>
        )}
      </div>
    </fieldset>
  );
}
