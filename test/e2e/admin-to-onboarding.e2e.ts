import { join } from 'node:path';
import { createNodePorts } from '../../electron/platform/node-ports';
import { startSandbox, type Sandbox } from '../sandbox/index';
import { expect, test } from './support/fixtures';
import { openWizard, passwordMfaAndProof, signInWithInvite } from './support/onboarding-flow';
import { tempHome } from './support/temp-home';
import { createEnforcementPolicyThroughUi, createUserWithInviteThroughUi, signInAdminWithKeys } from './support/admin-flow';

/**
 * The two halves of the product proven together: an administrator creates the MFA policy and a
 * user through the UI, saves the invite; the new employee opens that invite in the wizard on
 * "their" machine and finishes. Nothing is arranged behind the app's back but the account itself.
 */
let sandbox: Sandbox;
test.beforeEach(async () => {
  sandbox = await startSandbox({ accountAlias: 'acme-prod' });
});
test.afterEach(async () => sandbox.stop());

test('admin creates a user and an invite; the new employee completes onboarding with it', async ({ launchApp }) => {
  sandbox.scenario.createGroup('developers');

  // The administrator's machine.
  const adminHome = tempHome();
  const admin = await launchApp({
    env: { ...sandbox.env, AWS_CONFIG_FILE: adminHome.awsConfigFile, AWS_SHARED_CREDENTIALS_FILE: adminHome.awsCredentialsFile },
    locale: 'ko-KR',
    ports: createNodePorts({ userData: adminHome.userData, home: adminHome.home }),
  });
  const a = admin.page;
  await signInAdminWithKeys(a, sandbox.admin);
  await createEnforcementPolicyThroughUi(a);
  const invitePath = join(adminHome.home, 'park.jiwoo.invite.age');
  const temporaryPassword = await createUserWithInviteThroughUi(a, admin.ports.dialogs, { userName: 'park.jiwoo', groups: ['developers'], invitePath });

  // The new employee's machine: no admin keys in its environment, only the invite and the password.
  const app = await openWizard(launchApp, sandbox, { lang: 'en' });
  await signInWithInvite(app, invitePath, temporaryPassword);
  await expect(app.page.getByTestId('onboarding-identity')).toContainText('park.jiwoo');
  const seed = await passwordMfaAndProof(app, 'Quiet-Meadow-Compass-77');
  await app.page.getByRole('button', { name: app.text.finish.submitDelete }).click();
  await expect(app.page.getByTestId('step-done')).toBeVisible();

  // The account: the user the admin made is now fully onboarded.
  expect(sandbox.state.listGroupsForUser('park.jiwoo')).toEqual(['developers']);
  expect(sandbox.state.listAttachedUserPolicies('park.jiwoo').map((p) => p.policyName)).toEqual(['IamOnboardingEnforceMfa']);
  expect(sandbox.state.getLoginProfile('park.jiwoo')?.passwordResetRequired).toBe(false);
  expect(sandbox.state.checkPassword('park.jiwoo', 'Quiet-Meadow-Compass-77')).toBe(true);
  expect(sandbox.state.listMfaDevices('park.jiwoo')).toHaveLength(1);
  expect(sandbox.state.getVirtualMfaSeed(sandbox.state.listMfaDevices('park.jiwoo')[0]!.serialNumber)).toBe(seed);
  expect(sandbox.state.listAccessKeys('park.jiwoo')).toEqual([]);
});
