/**
 * A sandbox in its own process, so a measured process's memory and CPU are the app's alone.
 * Prints one JSON line (url, region, account, admin keys, the MFA policy's ARN) and runs until killed.
 * `--users N` first creates N onboarded-looking users (for the status measure). `--members N` makes
 * the sandbox's account the management account of an organization with N member accounts (each with
 * OrganizationAccountAccessRole); `--account-rate R` gives every account its own IAM bucket of R
 * requests a second (burst R).
 */
import { parseArgs } from 'node:util';
import { buildEnforcementPolicy, ENFORCEMENT_POLICY_NAME } from '../../src/shared/mfa-policy/enforcement-policy';
import { startSandbox } from '../../test/sandbox/index';

const { values } = parseArgs({ options: { users: { type: 'string' }, members: { type: 'string' }, 'account-rate': { type: 'string' } } });
const sb = await startSandbox();
const policyArn = sb.scenario.createPolicy(ENFORCEMENT_POLICY_NAME, buildEnforcementPolicy('aws'));
const n = Number(values.users ?? 0);
for (let i = 0; i < n; i++) sb.scenario.newUser({ userName: `user.${String(i).padStart(5, '0')}`, tags: { team: `t${i % 20}` }, attachEnforcementPolicy: true, withMfa: i % 3 === 0 });
const members = Number(values.members ?? 0);
if (members > 0)
  sb.scenario.createOrganization({ members: Array.from({ length: members }, (_, i) => ({ accountId: String(210000000000 + i), name: `team-${String(i + 1).padStart(2, '0')}` })) });
if (values['account-rate']) sb.faults.accountThrottle(Number(values['account-rate']));
process.stdout.write(JSON.stringify({ url: sb.url, region: sb.region, accountId: sb.accountId, admin: sb.admin, policyArn, env: sb.env }) + '\n');
process.on('SIGTERM', () => void sb.stop().then(() => process.exit(0)));
