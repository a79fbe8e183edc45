import { useState, type DragEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useOnboardingStore } from './onboarding-store';

export function InviteSignInForm() {
  const { t } = useTranslation('onboarding');
  const invite = useOnboardingStore((s) => s.invite);
  const busy = useOnboardingStore((s) => s.busy);
  const takeDroppedFile = useOnboardingStore((s) => s.takeDroppedFile);
  const chooseFile = useOnboardingStore((s) => s.chooseFile);
  const signIn = useOnboardingStore((s) => s.signInWithInvite);
  const [password, setPassword] = useState('');
  const [over, setOver] = useState(false);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file) void takeDroppedFile(file);
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const pw = password;
    // The password goes to main; the form does not keep it once sign-in is on its way.
    setPassword('');
    void signIn(pw);
  };

  return (
    <form onSubmit={onSubmit} aria-busy={busy}>
      <div
        className="drop-zone"
        data-over={over ? 'true' : undefined}
        data-testid="invite-drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p>{t('signIn.dropZone')}</p>
        <button
          type="button"
          className="secondary"
          onClick={() => void chooseFile({ title: t('signIn.dialogTitle'), filterName: t('signIn.filterName') })}
        >
          {t('signIn.chooseFile')}
        </button>
        {invite && (
          <p className="success" data-testid="invite-file-name">
            {t('signIn.chosenFile', { fileName: invite.fileName })}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="invite-temp-password">{t('signIn.temporaryPassword')}</label>
        <input
          id="invite-temp-password"
          type="password"
          autoComplete="off"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-describedby="invite-temp-password-hint"
        />
        <span id="invite-temp-password-hint" className="hint">
          {t('signIn.temporaryPasswordHint')}
        </span>
      </div>
      {busy && (
        // scrypt runs in main's thread pool (2^18 for files made with the age CLI): say it is working.
        <p className="working" role="status" data-testid="invite-opening">
          <span className="spinner" aria-hidden="true" />
          {t('signIn.opening')}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !invite || password.length === 0}>
          {busy ? t('signIn.verifying') : t('signIn.submit')}
        </button>
      </div>
    </form>
  );
}
