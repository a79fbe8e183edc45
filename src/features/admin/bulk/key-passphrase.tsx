import { useTranslation } from 'react-i18next';
import { SHEET_PASSPHRASE_MIN } from '../../../shared/admin-limits';
import { TextField } from '../../../components/text-field';

export interface KeyPassphraseValue {
  pass: string;
  again: string;
}

/** What is wrong with the run key passphrase, if anything (typed twice, long enough). */
export const keyPassphraseProblem = (v: KeyPassphraseValue): 'tooShort' | 'mismatch' | null =>
  v.pass.length < SHEET_PASSPHRASE_MIN ? 'tooShort' : v.pass !== v.again ? 'mismatch' : null;

/**
 * Shown where the OS keychain is weak or missing: why the run key needs a passphrase, and the
 * passphrase typed twice. A problem shows under the field it is about (too short: the first; not
 * the same: the second); the form focuses it.
 */
export function KeyPassphrase({ storage, value, onChange, showProblem }: { storage: 'weak' | 'none'; value: KeyPassphraseValue; onChange(v: KeyPassphraseValue): void; showProblem: boolean }) {
  const { t } = useTranslation('adminBulk');
  const problem = showProblem ? keyPassphraseProblem(value) : null;
  const text = problem ? t(`keyProtection.${problem}`, { min: SHEET_PASSPHRASE_MIN }) : null;
  return (
    <fieldset data-testid="bulk-key-passphrase">
      <legend>{t('keyProtection.heading')}</legend>
      <p className="notice">{t(`keyProtection.${storage}`)}</p>
      <TextField
        id="bulk-key-pass"
        type="password"
        autoComplete="new-password"
        label={t('keyProtection.passphrase', { min: SHEET_PASSPHRASE_MIN })}
        hint={t('keyProtection.hint')}
        value={value.pass}
        onChange={(pass) => onChange({ ...value, pass })}
        error={problem === 'tooShort' ? text : undefined}
      />
      <TextField
        id="bulk-key-again"
        type="password"
        autoComplete="new-password"
        label={t('keyProtection.confirm')}
        value={value.again}
        onChange={(again) => onChange({ ...value, again })}
        error={problem === 'mismatch' ? text : undefined}
      />
    </fieldset>
  );
}
