/**
 * All user-visible text. One JSON file per feature (i18next namespace) and language, so each
 * feature owns its strings; a unit test checks that ko and en have the same keys.
 */
import koCommon from './ko/common.json';
import koErrors from './ko/errors.json';
import koStart from './ko/start.json';
import koOnboarding from './ko/onboarding.json';
import koAdmin from './ko/admin.json';
import koAdminUsers from './ko/admin-users.json';
import koAdminBulk from './ko/admin-bulk.json';
import koAdminStatus from './ko/admin-status.json';
import koAdminGuard from './ko/admin-guard.json';
import koAdminAccounts from './ko/admin-accounts.json';
import koResync from './ko/resync.json';
import koInvite from './ko/invite.json';
import enCommon from './en/common.json';
import enErrors from './en/errors.json';
import enStart from './en/start.json';
import enOnboarding from './en/onboarding.json';
import enAdmin from './en/admin.json';
import enAdminUsers from './en/admin-users.json';
import enAdminBulk from './en/admin-bulk.json';
import enAdminStatus from './en/admin-status.json';
import enAdminGuard from './en/admin-guard.json';
import enAdminAccounts from './en/admin-accounts.json';
import enResync from './en/resync.json';
import enInvite from './en/invite.json';

export const SUPPORTED_LANGUAGES = ['ko', 'en'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

export const resources = {
  ko: { common: koCommon, errors: koErrors, start: koStart, onboarding: koOnboarding, admin: koAdmin, adminUsers: koAdminUsers, adminBulk: koAdminBulk, adminStatus: koAdminStatus, adminGuard: koAdminGuard, adminAccounts: koAdminAccounts, resync: koResync, invite: koInvite },
  en: { common: enCommon, errors: enErrors, start: enStart, onboarding: enOnboarding, admin: enAdmin, adminUsers: enAdminUsers, adminBulk: enAdminBulk, adminStatus: enAdminStatus, adminGuard: enAdminGuard, adminAccounts: enAdminAccounts, resync: enResync, invite: enInvite },
} as const;
