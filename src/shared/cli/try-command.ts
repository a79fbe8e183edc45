/** Profile names the wizard writes (see electron/onboarding/aws-profile.ts: letters, digits, '-' and '_'). */
export const CLI_PROFILE_NAME = /^[A-Za-z0-9_-]{1,128}$/;

/** The first command to try with the new profile: harmless, and it proves the MFA session works. */
export const cliTryCommand = (profile: string): string => `aws sts get-caller-identity --profile ${profile}`;
