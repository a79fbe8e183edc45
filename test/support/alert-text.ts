import type { ChannelInput } from '../../src/shared/ipc/contract';

/** The alert text as the English screen builds it from i18n (the e2e checks the Korean one). */
export const EN_TEXT: ChannelInput<'admin:guard:alertsPlan'>['text'] = {
  headings: {
    signInSuccess: 'AWS root user signed in',
    signInFailure: 'AWS root user sign-in failed',
    mfaDeactivated: 'AWS root user turned off MFA',
    accessKeyCreated: 'AWS root user created an access key',
    test: 'Test alert from IAM Onboarding Assistant',
  },
  results: { signInSuccess: 'success', signInFailure: 'failure', mfaDeactivated: 'MFA deactivated', accessKeyCreated: 'access key created', test: 'test only' },
  labels: { account: 'Account', time: 'Time', sourceIp: 'Source IP', result: 'Result' },
};
