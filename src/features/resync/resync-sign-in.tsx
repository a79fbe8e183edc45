import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FocusHeading } from '../../components/screen-heading';
import { useRouteStore } from '../../app/route-store';
import { ErrorMessage } from '../../components/error-message';
import { useResyncStore } from './resync-store';

type Method = 'profile' | 'keys';
const ACCESS_KEY_ID = /^AKIA[A-Z0-9]{12,124}$/;

export function ResyncSignIn() {
  const { t } = useTranslation('resync');
  const { profiles, busy, error, loadProfiles, signInWithProfile, signInWithKeys } = useResyncStore();
  const go = useRouteStore((s) => s.go);
  const [method, setMethod] = useState<Method | null>(null);
  const [profile, setProfile] = useState('');
  const [accessKeyId, setAccessKeyId] = useState('');
  const [secret, setSecret] = useState('');
  const [checked, setChecked] = useState(false);

  useEffect(() => {
    void loadProfiles();
  }, [loadProfiles]);

  const list = profiles?.profiles ?? [];
  const chosen: Method = method ?? (profiles && list.length === 0 ? 'keys' : 'profile');
  const chosenProfile = profile || list[0]?.name || '';
  const keyIdBad = !ACCESS_KEY_ID.test(accessKeyId.trim());
  const secretBad = secret.trim().length < 16;

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    setChecked(true);
    if (chosen === 'profile') {
      if (chosenProfile) await signInWithProfile(chosenProfile);
      return;
    }
    if (keyIdBad || secretBad) return;
    // The secret leaves the renderer once; the field is emptied as soon as main has it.
    if (await signInWithKeys(accessKeyId.trim(), secret.trim())) setSecret('');
  };

  return (
    <form className="card resync-sign-in" onSubmit={(e) => void submit(e)} noValidate>
      <FocusHeading level={2}>{t('signIn.heading')}</FocusHeading>
      <p className="hint">{t('signIn.why')}</p>
      <fieldset className="resync-methods">
        <legend>{t('signIn.methodLegend')}</legend>
        {(['profile', 'keys'] as const).map((m) => (
          <label key={m}>
            <input type="radio" name="resync-method" value={m} checked={chosen === m} onChange={() => setMethod(m)} />
            {t(m === 'profile' ? 'signIn.methodProfile' : 'signIn.methodKeys')}
          </label>
        ))}
      </fieldset>
      {profiles && list.length === 0 && <p className="notice">{t('signIn.noProfiles')}</p>}

      {chosen === 'profile' && (
        <div className="field">
          <label htmlFor="resync-profile">{t('signIn.profileLabel')}</label>
          {!profiles && <p className="hint">{t('signIn.loadingProfiles')}</p>}
          <select id="resync-profile" value={chosenProfile} onChange={(e) => setProfile(e.target.value)} disabled={list.length === 0} aria-describedby="resync-profile-hint">
            {list.map((p) => (
              <option key={p.name} value={p.name}>
                {t('signIn.profileOption', { name: p.name, keyHint: p.keyHint })}
              </option>
            ))}
          </select>
          <span id="resync-profile-hint" className="hint">
            {t('signIn.profilesHint', { configFile: profiles?.configFile ?? '', credentialsFile: profiles?.credentialsFile ?? '' })}
          </span>
        </div>
      )}

      {chosen === 'keys' && (
        <>
          <div className="field">
            <label htmlFor="resync-key-id">{t('signIn.accessKeyId')}</label>
            <input id="resync-key-id" className="mono" autoComplete="off" spellCheck={false} value={accessKeyId} onChange={(e) => setAccessKeyId(e.target.value)} aria-invalid={checked && keyIdBad} aria-describedby="resync-key-id-hint resync-key-id-error" />
            <span id="resync-key-id-hint" className="hint">{t('signIn.keysHint')}</span>
            {checked && keyIdBad && (
              <span id="resync-key-id-error" className="field-error">
                {t(accessKeyId.trim().startsWith('ASIA') ? 'errors.temporaryKeys' : 'signIn.fieldErrors.accessKeyId')}
              </span>
            )}
          </div>
          <div className="field">
            <label htmlFor="resync-secret">{t('signIn.secretAccessKey')}</label>
            <input id="resync-secret" type="password" className="mono" autoComplete="off" value={secret} onChange={(e) => setSecret(e.target.value)} aria-invalid={checked && secretBad} aria-describedby="resync-secret-error" />
            {checked && secretBad && <span id="resync-secret-error" className="field-error">{t('signIn.fieldErrors.secretAccessKey')}</span>}
          </div>
        </>
      )}

      <ErrorMessage error={error} onRetry={() => void submit()} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || (chosen === 'profile' && !chosenProfile)}>
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </button>
        {error?.code === 'resync.noMfaDevice' && (
          <button type="button" className="secondary" onClick={() => go('onboarding')}>
            {t('signIn.setUpInstead')}
          </button>
        )}
      </div>
    </form>
  );
}
