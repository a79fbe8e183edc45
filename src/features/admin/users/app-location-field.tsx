import { useTranslation } from 'react-i18next';
import { TextField } from '../../../components/text-field';
import { useAppLocation } from './use-app-location';

/** "Where do new employees get this app?" — goes into the message sent with each invite. */
export function AppLocationField() {
  const { t } = useTranslation('adminUsers');
  const [value, setValue] = useAppLocation();
  return (
    <TextField
      id="app-location"
      label={t('appLocation.label')}
      hint={t('appLocation.hint')}
      value={value}
      onChange={setValue}
      maxLength={300}
      autoComplete="off"
      placeholder={t('appLocation.placeholder')}
    />
  );
}
