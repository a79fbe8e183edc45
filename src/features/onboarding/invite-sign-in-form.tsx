import { useState, type DragEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { TextField } from '../../components/text-field';
import { useFieldErrors } from '../../components/use-field-errors';
import { useOnboardingStore } from './onboarding-store';
import { WizardExit } from './wizard-exit';

const FILE = 'invite-choose-file';
const PASSWORD = 'invite-temp-password';

/** A wrong password is about the password field; every other problem with the invite, about the file. */
const fieldFor = (code: string): string | null =>
  code === 'invite.wrongPassword' || code === 'invite.passphraseRequired' ? PASSWORD
  : code.startsWith('invite.') || code === 'onboarding.needInviteFile' ? FILE
  : null;

export function InviteSignInForm() {
  const { t } = useTranslation('onboarding');
  const invite = useOnboardingStore((s) => s.invite);
  const busy = useOnboardingStore((s) => s.busy);
  const error = useOnboardingStore((s) => s.error);
  const retry = useOnboardingStore((s) => s.retry);
  const takeDroppedFile = useOnboardingStore((s) => s.takeDroppedFile);
  const chooseFile = useOnboardingStore((s) => s.chooseFile);
  const signIn = useOnboardingStore((s) => s.signInWithInvite);
  // Kept after a failed attempt (a typo is fixed, not retyped); gone with the form once signed in.
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const [over, setOver] = useState(false);
  const errors = useFieldErrors(error, fieldFor);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file) void takeDroppedFile(file);
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (invite && password.length === 0) {
      setMissing(true);
      document.getElementById(PASSWORD)?.focus();
      return;
    }
    setMissing(false);
    void signIn(password);
  };
  const fileError = errors.textOn(FILE);

  return (
    <form onSubmit={onSubmit} aria-busy={busy} noValidate>
      <div
        className="drop-zone"
        data-over={over ? 'true' : undefined}
        data-invalid={fileError ? 'true' : undefined}
        data-testid="invite-drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p id="invite-drop-hint">{t('signIn.dropZone')}</p>
        <button
          id={FILE}
          type="button"
          className="secondary"
          aria-describedby={fileError ? 'invite-file-error' : 'invite-drop-hint'}
          onClick={() => void chooseFile({ title: t('signIn.dialogTitle'), filterName: t('signIn.filterName') })}
        >
          {t('signIn.chooseFile')}
        </button>
        {invite && !fileError && (
          <p className="success" data-testid="invite-file-name">
            {t('signIn.chosenFile', { fileName: invite.fileName })}
          </p>
        )}
        {fileError && (
          <p id="invite-file-error" className="field-error" role="alert" data-error-code={error?.code}>
            {fileError}
          </p>
        )}
      </div>
      <TextField
        id={PASSWORD}
        label={t('signIn.temporaryPassword')}
        value={password}
        onChange={(v) => {
          setPassword(v);
          setMissing(false);
        }}
        revealable
        autoComplete="off"
        spellCheck={false}
        className="mono"
        hint={t('signIn.temporaryPasswordHint')}
        {...(missing ? { error: t('signIn.fieldErrors.temporaryPassword') } : errors.propsFor(PASSWORD))}
      />
      {busy && (
        // scrypt runs in main's thread pool (2^18 for files made with the age CLI): say it is working.
        <p className="working" role="status" data-testid="invite-opening">
          <span className="spinner" aria-hidden="true" />
          {t('signIn.opening')}
        </p>
      )}
      <ErrorMessage error={errors.formError} id={errors.formErrorId} onRetry={() => void retry()} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !invite}>
          {busy ? t('signIn.verifying') : t('signIn.submit')}
        </button>
        <WizardExit />
      </div>
    </form>
  );
}
