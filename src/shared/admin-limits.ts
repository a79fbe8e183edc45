/**
 * Limits and defaults of the admin features, shared by the IPC schemas (main) and the forms
 * (renderer). Kept apart from the zod channel files so the renderer bundle does not pull in zod.
 */
export const MAX_GROUPS_PER_USER = 10;
/** IAM allows 50 tags per user; the app adds one (the onboarding window's) when it creates the user. */
export const MAX_TAGS_PER_USER = 49;
export const INVITE_DAYS_DEFAULT = 7;
export const INVITE_DAYS_MAX = 30;
/** How long a copied password stays on the clipboard. */
export const PASSWORD_CLIPBOARD_CLEAR_MS = 30_000;

export const BULK_CONCURRENCY_DEFAULT = 4;
export const BULK_CONCURRENCY_MAX = 8;
/** The password sheet's passphrase: typed by the admin, so long enough to resist guessing offline. */
export const SHEET_PASSPHRASE_MIN = 12;
/** The preview shows this many users; the rest are counted. */
export const BULK_PREVIEW_ROWS = 200;

export const USER_STATUSES = ['waitingFirstSignIn', 'passwordChangedNoMfa', 'done', 'noConsoleAccess', 'unknown'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];
