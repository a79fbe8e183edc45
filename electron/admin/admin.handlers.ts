import type { AppDeps } from '../app/app-deps';
import type { FeatureHandlers } from '../ipc/handler-types';
import { AdminSession } from './admin-session';
import { fromStaticCredentials } from './credentials';
import { namingMissingPermission as named } from './iam-call';
import { enforcementPolicyArn, partitionOf } from './policy/enforcement-policy-arn';
import { EnforcementPolicyService } from './policy/enforcement-policy-service';
import { applyCisPasswordPolicy, runReadiness } from './readiness/readiness';
import { awsConfigPaths } from '../aws/shared-config';
import { listProfiles } from './sign-in/aws-profiles';
import { ProfileSignIn } from './sign-in/profile-sign-in';
import { SsoDeviceFlow } from './sign-in/sso-device-flow';
import { createAdminStatusHandlers } from './status/admin-status.handlers';
import { createAdminUsersHandlers } from './users/admin-users.handlers';
import { createAdminBulkHandlers } from './bulk/admin-bulk.handlers';
import { InviteGenerations } from './users/invite-generations';
import { BulkRunHolder } from './bulk/run-holder';
import { createHandoffHandlers } from './bulk/handoff.handlers';
import { createAdminGuardHandlers } from './guard/admin-guard.handlers';
import { CredentialReportService } from './credential-report/report-service';
import { saveCredentialReport } from './credential-report/save-report';
import { createAdminAccountsHandlers } from './accounts/admin-accounts.handlers';
import { RoleSessions } from './accounts/role-sessions';
import { OrgDirectory } from './accounts/org-directory';

export function createAdminHandlers(deps: AppDeps): FeatureHandlers<'admin'> {
  const session = new AdminSession(deps);
  const profileSignIn = new ProfileSignIn(deps, session);
  const sso = new SsoDeviceFlow(deps, session);
  const policy = new EnforcementPolicyService(session);
  const reports = new CredentialReportService(session, deps);
  // Which invite of each user is current: the status tab's reissues supersede older results.
  const generations = new InviteGenerations();
  const bulkRuns = new BulkRunHolder();
  // Idle lock, quit and flow end drop the admin's credentials like a sign-out does (the sign-out
  // hooks empty the users, status and bulk features as well).
  deps.lifecycle.hold('admin/session', { holdsSecrets: () => session.signedIn, wipe: () => session.signOut() });
  deps.lifecycle.hold('admin/profileSignIn', { holdsSecrets: () => profileSignIn.pending, wipe: () => profileSignIn.cancel() });
  deps.lifecycle.hold('admin/sso', sso);
  // Role sessions in member accounts (and the MFA session a trust policy asked for) go with every lock.
  const roles = deps.lifecycle.hold('admin:accounts/roleSessions', new RoleSessions(deps, session, sso));
  const directory = new OrgDirectory(deps, session, roles, sso);
  return {
    'admin:signInWithKeys': async (input) =>
      session.signIn(fromStaticCredentials(input), { method: 'keys', source: null }),
    'admin:identity': async () => session.identity,
    'admin:signOut': async () => {
      profileSignIn.cancel();
      session.signOut();
      return { signedOut: true as const };
    },

    'admin:listProfiles': async () => {
      const paths = awsConfigPaths(deps.env, deps.platform.paths.home);
      const profiles = await listProfiles(paths).catch((error: unknown) => {
        deps.log.warn('admin.profilesUnreadable', { error: (error as Error).message });
        return [];
      });
      return { ...paths, profiles };
    },
    'admin:signInWithProfile': async ({ profile }) => {
      sso.cancel();
      return profileSignIn.start(profile);
    },
    'admin:submitMfaCode': async ({ code }) => profileSignIn.submitCode(code),
    'admin:cancelSignIn': async () => {
      profileSignIn.cancel();
      sso.cancel();
      return { cancelled: true as const };
    },

    'admin:ssoStart': async ({ startUrl, region }) => {
      profileSignIn.cancel();
      return sso.start(startUrl, region);
    },
    'admin:ssoWait': async () => sso.wait(),
    'admin:ssoListRoles': async ({ accountId }) => ({ roles: await sso.listRoles(accountId) }),
    'admin:ssoSignIn': async ({ accountId, roleName }) => sso.signIn(accountId, roleName),

    'admin:readiness': async () => {
      const id = session.requireIdentity();
      const partition = partitionOf(id.arn);
      const checks = await runReadiness(session.iam(), {
        policyArn: enforcementPolicyArn(id.accountId, partition),
        partition,
        nowMs: deps.serverClock.now(),
        report: () => reports.get(),
      });
      const report = checks.find((c) => c.id === 'credentialReport')?.report ?? null;
      return { checks, reportGeneratedAt: report?.generatedAt ?? null, checkedAt: new Date(deps.clock.now()).toISOString() };
    },
    'admin:credentialReport:save': async ({ dialogTitle, filterName }) =>
      named(async () => saveCredentialReport(deps, session.requireIdentity().accountId, await reports.get(), { dialogTitle, filterName })),
    'admin:applyCisPasswordPolicy': async () => named(() => applyCisPasswordPolicy(session.iam())),

    'admin:policyStatus': async () => named(() => policy.status()),
    'admin:policyApply': async ({ deleteVersionId }) => named(() => policy.apply(deleteVersionId)),
    'admin:policySimulate': async () => named(() => policy.simulate()),
    'admin:listGroups': async () => named(async () => ({ groups: await policy.listGroups() })),
    'admin:attachPolicyToGroup': async ({ groupName, confirmMembersWithoutMfa, openOnboardingDays }) =>
      named(() =>
        policy.attachToGroup(groupName, { confirmed: confirmMembersWithoutMfa ?? false, openOnboardingDays: openOnboardingDays ?? null, nowMs: deps.serverClock.now() }),
      ),

    ...createAdminUsersHandlers(deps, session, generations),
    ...createAdminBulkHandlers(deps, session, generations, bulkRuns, { roles, directory }),
    ...createHandoffHandlers(deps, session, generations, bulkRuns),
    ...createAdminStatusHandlers(deps, session, reports, generations),
    ...createAdminGuardHandlers(deps, session),
    ...createAdminAccountsHandlers(deps, session, roles, directory),
  };
}
