import type { TFunction } from 'i18next';
import type { AlertText } from './guard-store';

const KINDS = ['signInSuccess', 'signInFailure', 'mfaDeactivated', 'accessKeyCreated', 'test'] as const;

/** The alert message's words in the screen's language; main turns them into EventBridge input templates. */
export function alertText(t: TFunction): AlertText {
  const per = (part: 'headings' | 'results') => Object.fromEntries(KINDS.map((k) => [k, t(`adminGuard:alertText.${part}.${k}`)])) as AlertText['headings'];
  return {
    headings: per('headings'),
    results: per('results'),
    labels: {
      account: t('adminGuard:alertText.labels.account'),
      time: t('adminGuard:alertText.labels.time'),
      sourceIp: t('adminGuard:alertText.labels.sourceIp'),
      result: t('adminGuard:alertText.labels.result'),
    },
  };
}
