import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { ErrorMessage } from '../../../components/error-message';
import { CIS_BENCHMARK_VERSION } from '../../../shared/password-policy/password-policy';
import { PasswordPolicyDiff } from './password-policy-diff';
import { useReadinessStore, type ReadinessCheck } from './readiness-store';

/**
 * What the CIS AWS Foundations Benchmark (the version named) would change, applied only after the
 * admin agrees — and an honest word on expiry: the baseline adds none (NIST SP 800-63B), and an
 * expiry already set stays, with what it does to people.
 */
export function PasswordPolicyFix({ check }: { check: ReadinessCheck }) {
  const { t } = useTranslation('admin');
  const { applying, applyError, applyCis } = useReadinessStore();
  const [confirming, setConfirming] = useState(false);
  const pp = check.passwordPolicy;
  if (!pp) return null;
  const version = { version: CIS_BENCHMARK_VERSION };
  const expiry = pp.expiry.maxPasswordAge
    ? t(pp.expiry.hardExpiry ? 'readiness.checks.passwordPolicy.expiryKeptHard' : 'readiness.checks.passwordPolicy.expiryKept', { days: pp.expiry.maxPasswordAge })
    : t('readiness.checks.passwordPolicy.expiryNone');
  return (
    <div>
      {!pp.present && <p>{t('readiness.checks.passwordPolicy.absent')}</p>}
      <p className="hint">{t('readiness.checks.passwordPolicy.baseline', version)}</p>
      <PasswordPolicyDiff diff={pp.diff} caption={t('readiness.checks.passwordPolicy.diffCaption', version)} testId="password-policy-diff" className="data-table" />
      <p className="hint" data-testid="password-policy-expiry">
        {expiry}
      </p>
      <ErrorMessage error={applyError} onRetry={() => void applyCis()} />
      <div className="actions">
        <button type="button" className="primary" onClick={() => setConfirming(true)}>
          {t('readiness.checks.passwordPolicy.apply', version)}
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={t('readiness.checks.passwordPolicy.confirmTitle', version)}
        confirmLabel={applying ? t('readiness.checks.passwordPolicy.applying') : t('readiness.checks.passwordPolicy.confirmYes')}
        cancelLabel={t('signIn.cancel')}
        busy={applying}
        onConfirm={() => void applyCis().then(() => setConfirming(false))}
        onCancel={() => setConfirming(false)}
        testId="cis-confirm"
      >
        <p>{t('readiness.checks.passwordPolicy.confirm')}</p>
        <p>{expiry}</p>
      </ConfirmDialog>
    </div>
  );
}
