import { useTranslation } from 'react-i18next';

export interface PolicyFieldDiff {
  field: string;
  current: string | number | boolean | null;
  target: string | number | boolean | null;
}

/** The password policy, field by field: now → after a fix (the one-account screen and the accounts matrix). */
export function PasswordPolicyDiff({ diff, caption, testId, className }: { diff: readonly PolicyFieldDiff[]; caption: string; testId?: string; className: string }) {
  const { t } = useTranslation('admin');
  const value = (v: PolicyFieldDiff['current']) =>
    v === null ? t('readiness.checks.passwordPolicy.none') : typeof v === 'boolean' ? t(`readiness.checks.passwordPolicy.${v ? 'yes' : 'no'}`) : String(v);
  return (
    <table data-testid={testId} className={className}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('readiness.checks.passwordPolicy.setting')}</th>
          <th scope="col">{t('readiness.checks.passwordPolicy.current')}</th>
          <th scope="col">{t('readiness.checks.passwordPolicy.target')}</th>
        </tr>
      </thead>
      <tbody>
        {diff.map((d) => (
          <tr key={d.field}>
            <td>{t(`readiness.checks.passwordPolicy.fields.${d.field}`)}</td>
            <td>{value(d.current)}</td>
            <td>
              <strong>{value(d.target)}</strong>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
