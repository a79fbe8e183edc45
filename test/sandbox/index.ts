import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { invitedUser, onboardedUser } from './app-scenarios';
import { createControlHandler } from './control';
import { Faults } from './faults';
import { createScenarios } from './scenarios';
import { createRequestHandler } from './server';
import { SsoState } from './sso';
import { ADMIN_POLICY_ARN, AccountState } from './state';
import { createStateView } from './state-view';
import { createGuardControl, createGuardSandbox, type GuardSandbox } from './services/guard-sandbox';
import { createGuardRouter, serviceOf } from './services/router';
import { createOrganization, viewOrganization } from './organizations';
import type { RequestLogEntry, Sandbox, SandboxAccount, SandboxOptions } from './types';
import { World } from './world';

export type {
  FaultControl,
  FaultSpec,
  InvitedUserOptions,
  InvitedUserResult,
  MemberSpec,
  NewUserOptions,
  NewUserResult,
  OnboardedUserOptions,
  OnboardedUserResult,
  OrganizationSpec,
  OrganizationView,
  PasswordPolicy,
  RequestLogEntry,
  Sandbox,
  SandboxAccount,
  SandboxOptions,
  SandboxState,
  Scenarios,
  UserView,
} from './types';
export { totpAt, totpAtStep, stepAt, base32Decode, base32Encode, TOTP_STEP_SECONDS } from './totp';
export { MFA_WINDOW_STEPS } from './mfa-codes';

export const ADMIN_ROLE_NAME = 'OrganizationAccountAccessRole';

/** Starts the sandbox AWS account on 127.0.0.1 (port 0 = a free port). */
export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const state = new AccountState({
    accountId: opts.accountId ?? '123456789012',
    accountAlias: opts.accountAlias === undefined ? null : opts.accountAlias,
    region: opts.region ?? 'us-east-1',
    now: opts.now ?? Date.now,
  });
  state.credentialReportDelayMs = opts.credentialReportDelayMs ?? 200;
  const admin = state.createUser('admin');
  state.attach(admin, ADMIN_POLICY_ARN, 'PoliciesPerUser');
  const adminKey = state.createAccessKey('admin');
  state.createRole(
    ADMIN_ROLE_NAME,
    '/',
    { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${state.accountId}:root` }, Action: 'sts:AssumeRole' }] },
    [ADMIN_POLICY_ARN],
  );

  const world = new World(state);
  const faults = new Faults();
  const requestLog: RequestLogEntry[] = [];
  let sandbox: Sandbox | undefined; // eslint-disable-line prefer-const -- assigned once the server is listening, read by the control handler
  let baseUrl = '';
  const sso = new SsoState(world, () => baseUrl);
  const control = createControlHandler(() => sandbox as Sandbox, faults, sso);
  const guards = new Map<string, GuardSandbox>();
  const accountView = (accountId: string): SandboxAccount => {
    const a = world.account(accountId);
    if (!a) throw new Error(`no account ${accountId} in the sandbox`);
    let guard = guards.get(accountId);
    if (!guard) {
      guard = createGuardSandbox(a.guard);
      guards.set(accountId, guard);
    }
    return { accountId, state: createStateView(a.state), scenario: createScenarios(a.state), guard };
  };
  const guard = accountView(state.accountId).guard;
  const guardRouter = createGuardRouter(world, requestLog, faults);
  const handler = createRequestHandler({
    world,
    faults,
    sso,
    requestLog,
    control,
    guard: { serviceOf, handle: guardRouter, control: createGuardControl(guard) },
  });
  const server = createServer((req, res) => {
    handler(req, res).catch((e: unknown) => {
      console.error('[sandbox] unhandled', e);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    AWS_REGION: state.region,
    AWS_DEFAULT_REGION: state.region,
    AWS_ENDPOINT_URL_IAM: baseUrl,
    AWS_ENDPOINT_URL_STS: baseUrl,
    AWS_ENDPOINT_URL_SSO_OIDC: baseUrl,
    AWS_ENDPOINT_URL_SSO: baseUrl,
    AWS_ENDPOINT_URL_CLOUDTRAIL: baseUrl,
    AWS_ENDPOINT_URL_EVENTBRIDGE: baseUrl,
    AWS_ENDPOINT_URL_SNS: baseUrl,
    AWS_ENDPOINT_URL_S3: baseUrl,
    AWS_ENDPOINT_URL_S3_CONTROL: baseUrl,
    AWS_ENDPOINT_URL_EC2: baseUrl,
    AWS_ENDPOINT_URL_ORGANIZATIONS: baseUrl,
    AWS_ACCESS_KEY_ID: adminKey.accessKeyId,
    AWS_SECRET_ACCESS_KEY: adminKey.secretAccessKey,
  };
  sandbox = {
    url: baseUrl,
    port,
    accountId: state.accountId,
    region: state.region,
    admin: { userName: 'admin', accessKeyId: adminKey.accessKeyId, secretAccessKey: adminKey.secretAccessKey },
    env,
    scenario: {
      ...createScenarios(state),
      createOrganization: (spec) => createOrganization(world, spec),
      setListingsStartEmpty: (on) => {
        if (!world.organization) throw new Error('no organization');
        world.organization.emptyFirstPage = on;
      },
      invitedUser: (o) => invitedUser(sandbox as Sandbox, o),
      onboardedUser: (o) => onboardedUser(sandbox as Sandbox, o),
    },
    faults,
    requestLog,
    state: createStateView(state),
    account: accountView,
    accountIds: () => world.accounts.map((a) => a.state.accountId),
    organization: () => viewOrganization(world),
    sso: { approve: (code, account) => sso.approve(code, account), deny: (code) => sso.deny(code) },
    guard,
    setClockSkewMs: (ms) => {
      state.clockSkewMs = ms;
    },
    setConsistencyDelayMs: (ms) => world.setConsistencyDelayMs(ms),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
  return sandbox;
}
