import type { z } from 'zod';
import type { guardCheckSchema } from '../../../src/shared/ipc/channels/admin-guard';
import { awsErrorName } from '../../aws/aws-error';
import type { ActionTagged } from '../iam-call';
import { ALERT_REGION } from './alert-rules';
import { checkAlerts } from './alerts';
import type { GuardClients } from './guard-clients';
import { allBlocked, readAccountBlock } from './public-access';
import { scanSecurityGroups } from './security-groups';
import { readTrails, trailCovers } from './trail';

export type GuardCheck = z.output<typeof guardCheckSchema>;
type Id = GuardCheck['id'];
type Status = GuardCheck['status'];

const blanks: { [K in Id]: Omit<Extract<GuardCheck, { id: K }>, 'status' | 'missingPermission' | 'errorCode'> } = {
  cloudTrail: { id: 'cloudTrail', region: '', trails: [] },
  rootAlerts: { id: 'rootAlerts', region: ALERT_REGION, coverage: [], ours: null },
  s3PublicAccess: { id: 's3PublicAccess', current: null },
  securityGroups: { id: 'securityGroups', regionsChecked: [], regionErrors: [], findings: [] },
};

/** One failing call marks its own row "could not check" (naming the missing permission) and never breaks the others. */
async function guard<K extends Id>(id: K, run: () => Promise<Partial<Extract<GuardCheck, { id: K }>> & { status: Status }>): Promise<GuardCheck> {
  const base = { ...blanks[id], missingPermission: null, errorCode: null };
  try {
    return { ...base, ...(await run()) } as GuardCheck;
  } catch (error) {
    return { ...base, status: 'unknown', missingPermission: (error as ActionTagged).$action ?? null, errorCode: awsErrorName(error) || 'internal' } as unknown as GuardCheck;
  }
}

export async function runGuardChecks(c: GuardClients, account: { accountId: string; accountAlias: string | null; partition: string }, nowMs: number): Promise<GuardCheck[]> {
  return Promise.all([
    guard('cloudTrail', async () => {
      const trails = await readTrails(c);
      return { status: trailCovers(trails) ? 'ok' : 'fail', region: c.homeRegion, trails };
    }),
    guard('rootAlerts', async () => {
      const r = await checkAlerts(c, account, nowMs);
      return { status: r.coverage.every((k) => k.rules.length > 0) ? 'ok' : 'fail', ...r };
    }),
    guard('s3PublicAccess', async () => {
      const current = await readAccountBlock(c, account.accountId);
      return { status: allBlocked(current) ? 'ok' : 'fail', current };
    }),
    guard('securityGroups', async () => {
      const r = await scanSecurityGroups(c);
      if (r.regionsChecked.length === 0 && r.regionErrors[0]) {
        const first = r.regionErrors[0];
        throw Object.assign(new Error(first.errorCode), { $action: first.missingPermission ?? undefined, name: first.errorCode, $metadata: {} });
      }
      return { status: r.findings.length > 0 ? 'fail' : 'ok', ...r };
    }),
  ]);
}
