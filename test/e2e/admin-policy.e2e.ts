import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { createNodePorts } from '../../electron/platform/node-ports';
import { buildEnforcementPolicy, canonicalPolicyJson, ENFORCEMENT_POLICY_NAME } from '../../src/shared/mfa-policy/enforcement-policy';
import { startSandbox, type Sandbox } from '../sandbox/index';
import { ARTIFACTS, expect, test } from './support/fixtures';
import { tempHome } from './support/temp-home';

/** The seed-003 `policy-iam-user-duty`, as copied from the seed document (test/sandbox/fixtures). */
function seed003Policy(): object {
  return JSON.parse(readFileSync(new URL('../sandbox/fixtures/seed-003-policy-iam-user-duty.json', import.meta.url), 'utf8')) as object;
}

async function openPolicy(page: Page, sandbox: Sandbox) {
  await page.getByTestId('job-admin').click();
  await page.getByLabel('액세스 키 직접 입력').check();
  await page.getByLabel('액세스 키 ID').fill(sandbox.admin.accessKeyId);
  await page.getByLabel('비밀 액세스 키').fill(sandbox.admin.secretAccessKey);
  await page.getByRole('button', { name: '로그인', exact: true }).click();
  await page.getByTestId('admin-tab-policy').click();
}

const STALE = { Version: '2012-10-17', Statement: [{ Sid: 'Old', Effect: 'Deny', NotAction: ['iam:*'], Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }] };

test.describe('MFA-enforcement policy', () => {
  let sandbox: Sandbox;
  test.beforeEach(async () => {
    sandbox = await startSandbox();
  });
  test.afterEach(async () => sandbox.stop());

  test('missing → created; the simulate table shows what a user without MFA can do; attach to a group (its member without MFA named first)', async ({ launchApp }) => {
    sandbox.scenario.createGroup('new-hires');
    sandbox.scenario.newUser({ userName: 'hire.one', groups: ['new-hires'], passwordResetRequired: false });
    const { page } = await launchApp({ env: sandbox.env, locale: 'ko-KR', ports: createNodePorts(tempHome()) });
    await openPolicy(page, sandbox);
    await expect(page.getByTestId('policy-state')).toHaveAttribute('data-state', 'missing');
    await page.getByRole('button', { name: '정책 만들기' }).click();
    await expect(page.getByTestId('policy-applied')).toContainText('v1');
    await expect(page.getByTestId('policy-state')).toHaveAttribute('data-state', 'current');

    await page.getByRole('button', { name: '시뮬레이션 실행' }).click();
    // Without MFA during onboarding, without MFA otherwise, with MFA.
    const rows: Record<string, [string, string, string]> = {
      'iam:ChangePassword': ['allowed', 'allowed', 'allowed'],
      'iam:CreateVirtualMFADevice': ['allowed', 'explicitDeny', 'allowed'],
      'iam:EnableMFADevice': ['allowed', 'explicitDeny', 'allowed'],
      'sts:GetSessionToken': ['implicitDeny', 'implicitDeny', 'implicitDeny'],
      's3:ListAllMyBuckets': ['explicitDeny', 'explicitDeny', 'implicitDeny'],
      'iam:CreateUser': ['explicitDeny', 'explicitDeny', 'implicitDeny'],
      'iam:DeleteAccessKey': ['explicitDeny', 'explicitDeny', 'allowed'], // own key: allowed once MFA is used
      'ec2:DescribeInstances': ['explicitDeny', 'explicitDeny', 'implicitDeny'],
    };
    for (const [action, decisions] of Object.entries(rows)) {
      const cells = page.getByTestId(`sim-${action}`).locator('td');
      for (const [i, d] of decisions.entries()) await expect(cells.nth(i), `${action} column ${i}`).toHaveAttribute('data-decision', d);
    }
    await expect(page.getByTestId('sim-s3:ListAllMyBuckets')).toContainText('거부 (이 정책이 막음)');
    await page.getByRole('button', { name: "'new-hires' 그룹에 붙이기" }).click();
    // A member without MFA would be locked out at once: named first, nothing attached yet.
    await expect(page.getByTestId('attach-warning')).toContainText('hire.one');
    expect(sandbox.state.getGroup('new-hires')?.attachedPolicyArns).toEqual([]);
    await page.getByRole('button', { name: "그래도 'new-hires' 그룹에 붙이기" }).click();
    await expect(page.getByText("'new-hires' 그룹에 정책을 붙였습니다.")).toBeVisible();
    await expect(page.getByText('온보딩을 연 사용자: hire.one.')).toBeVisible();
    expect(sandbox.state.getUser('hire.one')?.tags['iam-onboarding-window']).toBeTruthy();
    await page.screenshot({ path: `${ARTIFACTS}admin-policy-simulate-ko.png`, fullPage: true });

    const arn = `arn:aws:iam::${sandbox.accountId}:policy/${ENFORCEMENT_POLICY_NAME}`;
    const versions = sandbox.state.getPolicyVersions(arn);
    expect(versions).toHaveLength(1);
    expect(canonicalPolicyJson(versions[0]?.document)).toBe(canonicalPolicyJson(buildEnforcementPolicy()));
    expect(sandbox.state.getGroup('new-hires')?.attachedPolicyArns).toContain(arn);
  });

  test('a stale version → diff shown, a new default version added', async ({ launchApp }) => {
    const arn = sandbox.scenario.createPolicy(ENFORCEMENT_POLICY_NAME, STALE);
    const { page } = await launchApp({ env: sandbox.env, locale: 'ko-KR', ports: createNodePorts(tempHome()) });
    await openPolicy(page, sandbox);
    await expect(page.getByTestId('policy-state')).toHaveAttribute('data-state', 'outdated');
    await expect(page.getByTestId('policy-diff').locator('.diff-removed', { hasText: '"Sid": "Old"' })).toHaveCount(1);
    await expect(page.getByTestId('policy-diff').locator('.diff-added', { hasText: 'DenyAllExceptListedIfNoMFA' })).toHaveCount(1);
    await page.screenshot({ path: `${ARTIFACTS}admin-policy-diff-ko.png`, fullPage: true });
    await page.getByRole('button', { name: '새 버전으로 바꾸기' }).click();
    await expect(page.getByTestId('policy-state')).toHaveAttribute('data-state', 'current');
    const versions = sandbox.state.getPolicyVersions(arn);
    expect(versions.map((v) => [v.versionId, v.isDefaultVersion])).toEqual([['v1', false], ['v2', true]]);
    expect(canonicalPolicyJson(versions[1]?.document)).toBe(canonicalPolicyJson(buildEnforcementPolicy()));
  });

  test('five versions → the oldest non-default one is deleted only after the admin confirms', async ({ launchApp, }) => {
    const { page, handlers } = await launchApp({ env: sandbox.env, locale: 'ko-KR', ports: createNodePorts(tempHome()) });
    const arn = sandbox.scenario.createPolicy(ENFORCEMENT_POLICY_NAME, STALE);
    // Four more stale versions through IAM itself (v2..v5), v5 default.
    const { IAMClient, CreatePolicyVersionCommand } = await import('@aws-sdk/client-iam');
    const iam = new IAMClient({ region: 'us-east-1', endpoint: sandbox.url, credentials: sandbox.admin });
    for (let i = 2; i <= 5; i++) {
      await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: JSON.stringify({ ...STALE, Statement: [{ ...STALE.Statement[0], Sid: `Old${i}` }] }), SetAsDefault: true }));
    }
    iam.destroy();
    await openPolicy(page, sandbox);
    await expect(page.getByTestId('policy-state')).toHaveAttribute('data-state', 'outdated');
    await page.getByRole('button', { name: '새 버전으로 바꾸기' }).click();
    await expect(page.getByRole('alertdialog')).toContainText('가장 오래된 버전 v1');
    expect(sandbox.state.getPolicyVersions(arn)).toHaveLength(5); // nothing deleted before the admin agrees
    // Main refuses to delete without that consent, whatever the renderer sends.
    await expect(handlers['admin:policyApply']({}, { emit: () => {} })).rejects.toMatchObject({ code: 'admin.policyVersionLimit' });
    await page.getByRole('button', { name: 'v1 삭제하고 새 버전으로 바꾸기' }).click();
    await expect(page.getByTestId('policy-applied')).toContainText('v1 삭제');
    const versions = sandbox.state.getPolicyVersions(arn);
    expect(versions.map((v) => v.versionId).sort()).toEqual(['v2', 'v3', 'v4', 'v5', 'v6']);
    expect(versions.find((v) => v.isDefaultVersion)?.versionId).toBe('v6');
  });

  test('a seed-003 policy attached to a user: the warning names it and who it locks out', async ({ launchApp }) => {
    sandbox.scenario.newUser({ userName: 'kim.newhire', passwordResetRequired: true, policies: [{ name: 'policy-iam-user-duty', document: seed003Policy() }] });
    sandbox.scenario.newUser({ userName: 'lee.veteran', passwordResetRequired: false, withMfa: true, policies: [{ name: 'policy-iam-user-duty', document: seed003Policy() }] });
    const { page } = await launchApp({ env: sandbox.env, locale: 'ko-KR', ports: createNodePorts(tempHome()) });
    await openPolicy(page, sandbox);
    const warning = page.getByTestId('blocker-policy-iam-user-duty');
    await expect(warning).toContainText("관리형 정책 'policy-iam-user-duty'");
    await expect(warning).toContainText('iam:ChangePassword, iam:GetAccountPasswordPolicy');
    await expect(warning).toContainText('지금 잠긴 사용자: kim.newhire');
    await expect(warning).not.toContainText('lee.veteran');
    await page.screenshot({ path: `${ARTIFACTS}admin-policy-seed003-ko.png`, fullPage: true });
    // The world agrees: without MFA, kim.newhire cannot change the temporary password under that policy.
    const { IAMClient, SimulatePrincipalPolicyCommand } = await import('@aws-sdk/client-iam');
    const iam = new IAMClient({ region: 'us-east-1', endpoint: sandbox.url, credentials: sandbox.admin });
    const sim = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: `arn:aws:iam::${sandbox.accountId}:user/kim.newhire`,
        ActionNames: ['iam:ChangePassword'],
        ResourceArns: [`arn:aws:iam::${sandbox.accountId}:user/kim.newhire`],
        ContextEntries: [{ ContextKeyName: 'aws:MultiFactorAuthPresent', ContextKeyType: 'boolean', ContextKeyValues: ['false'] }],
      }),
    );
    iam.destroy();
    expect(sim.EvaluationResults?.[0]?.EvalDecision).toBe('explicitDeny');
  });
});
