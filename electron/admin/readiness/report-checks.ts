import type { CredentialReport } from '../credential-report/report-service';
import { REPORT_REFRESH_MS } from '../credential-report/report-service';
import { OLD_KEY_DAYS } from './account-users';

const DAY_MS = 86_400_000;

export const reportAge = (r: CredentialReport) => ({
  generatedAt: r.generatedAt.toISOString(),
  nextAt: new Date(r.generatedAt.getTime() + REPORT_REFRESH_MS).toISOString(),
});

/** Users with a console password and no active MFA device, from the report. */
export const usersWithoutMfa = (r: CredentialReport): string[] => r.users.filter((u) => u.passwordEnabled && !u.mfaActive).map((u) => u.userName);

/** Active keys created (or rotated) more than 90 days ago, from the report; it names keys by slot, not id. */
export function oldKeys(r: CredentialReport, nowMs: number) {
  return r.users.flatMap((u) =>
    u.keys
      .filter((k) => k.active && k.lastRotated)
      .map((k) => ({
        userName: u.userName,
        accessKeyId: null,
        slot: k.slot,
        ageDays: Math.floor((nowMs - k.lastRotated!.getTime()) / DAY_MS),
        lastUsedDate: k.lastUsed ? k.lastUsed.toISOString() : null,
      }))
      .filter((k) => k.ageDays > OLD_KEY_DAYS),
  );
}
