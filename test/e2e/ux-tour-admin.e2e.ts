/**
 * The admin console. Every screen, once per language, as a first-time user meets it — and each one checked the same
 * way (support/ux-checks.ts: one <h1>, the window title, the app's own validation, no axe finding,
 * no particle starting a line, screenshots at 1100 and 760 px into test/e2e/artifacts/tour/).
 * Every flow is walked with the keyboard only (Tab, Enter, Space, arrows): nothing is clicked.
 * Each walk ends on the state of the world: the sandbox account, files on disk, the clipboard.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildEnforcementPolicy, ENFORCEMENT_POLICY_NAME } from '../../src/shared/mfa-policy/enforcement-policy';
import { startSandbox, type Sandbox } from '../sandbox/index';
import { oathtoolCode } from './support/oathtool';
import { expect, test } from './support/fixtures';
import { checkScreen, press, tabTo, typeInto, openTourApp, title, type Lang } from './support/ux-checks';

let sandbox: Sandbox;
test.beforeAll(async () => {
  sandbox = await startSandbox({ accountAlias: 'acme-prod' });
  sandbox.scenario.createPolicy(ENFORCEMENT_POLICY_NAME, buildEnforcementPolicy('aws'));
});
test.afterAll(async () => sandbox?.stop());

const open = (launchApp: Parameters<typeof openTourApp>[0], lang: Lang, withAdminKeys: boolean) => openTourApp(launchApp, sandbox, lang, withAdminKeys);

for (const lang of ['ko', 'en'] as const) {
  test.describe(`UX tour (${lang})`, () => {
    test(`admin: guard before leaving a shown-once secret, superseded result, bulk hand-off, finish confirmed — keyboard only`, async ({ launchApp }) => {
      test.setTimeout(240_000);
      const { page, ports, home, t } = await open(launchApp, lang, true);
      const app = t('common:appName');
      const adminTitle = (tab: string) => title(t(`admin:nav.${tab}`), t('admin:title'), app);
      await press(page, page.getByTestId('job-admin'));
      await checkScreen(page, lang, 'admin-sign-in', title(t('admin:signIn.title'), t('admin:title'), app));
      await tabTo(page, page.locator('input[name="admin-method"][value="profile"]'));
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await expect(page.locator('input[name="admin-method"][value="keys"]')).toBeChecked();
      await typeInto(page, page.locator('#admin-key-id'), sandbox.admin.accessKeyId);
      await typeInto(page, page.locator('#admin-secret'), sandbox.admin.secretAccessKey);
      await press(page, page.getByRole('button', { name: t('admin:keys.signIn'), exact: true }));

      // Readiness, with the CIS baseline named by version and an honest word on expiry.
      await expect(page.getByTestId('readiness-summary')).toBeVisible();
      await checkScreen(page, lang, 'admin-readiness', adminTitle('readiness'));
      await press(page, page.getByRole('button', { name: t('admin:readiness.checks.passwordPolicy.apply', { version: '4.0.1' }) }));
      await expect(page.getByTestId('cis-confirm')).toContainText(t('admin:readiness.checks.passwordPolicy.expiryNone'));
      await checkScreen(page, lang, 'admin-cis-confirm', adminTitle('readiness'));
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('cis-confirm')).toBeHidden();
      await press(page, page.getByTestId('admin-tab-policy'));
      await expect(page.getByTestId('policy-state')).toBeVisible();
      await checkScreen(page, lang, 'admin-policy', adminTitle('policy'));

      // Create a user, and try to leave before saving the invite: asked; "stay" keeps the result.
      const userName = `tour.new.${lang}`;
      await press(page, page.getByTestId('admin-tab-users'));
      await checkScreen(page, lang, 'admin-users', adminTitle('users'));
      await typeInto(page, page.locator('#cu-name'), userName);
      await press(page, page.getByRole('button', { name: t('adminUsers:form.submit') }));
      await expect(page.locator('.provision-run')).toHaveAttribute('data-phase', 'done');
      await expect(page.locator('.invite-result .success').first()).toHaveText(t('adminUsers:result.created', { userName }));
      await checkScreen(page, lang, 'admin-users-result', adminTitle('users'));
      const firstKey = sandbox.state.listAccessKeys(userName)[0]!.accessKeyId;
      await press(page, page.getByTestId('admin-tab-status'));
      await expect(page.getByTestId('leave-guard')).toContainText(t('adminUsers:guard.inviteNotSaved', { userName }));
      await checkScreen(page, lang, 'admin-leave-guard', adminTitle('users'));
      await page.keyboard.press('Enter'); // "Stay" has focus first
      await expect(page.getByTestId('leave-guard')).toBeHidden();
      await expect(page.getByTestId('admin-tab-users')).toHaveAttribute('aria-current', 'page');
      await press(page, page.getByTestId('admin-tab-status'));
      await press(page, page.getByTestId('leave-guard').getByRole('button', { name: t('common:leaveGuard.leave') }));

      // A resend from the status tab: the new password (grouped), and leaving it unsaved asks too.
      const invitePath = join(home.home, `${userName}.invite.age`);
      await press(page, page.getByRole('button', { name: t('adminStatus:table.manageLabel', { userName }), exact: true }));
      await press(page, page.getByTestId('status-panel').getByRole('button', { name: t('adminStatus:actions.resend'), exact: true }));
      ports.dialogs.queueSave(invitePath);
      await press(page, page.getByRole('button', { name: t('adminStatus:confirm.confirmResend', { userName }) }));
      const shown = page.getByTestId('status-temporary-password');
      await expect(shown).toBeVisible();
      const password = (await shown.textContent())!;
      expect(sandbox.state.checkPassword(userName, password)).toBe(true);
      await expect(shown.locator('.group').first()).toHaveText(password.slice(0, 4));
      await checkScreen(page, lang, 'admin-status-resend', adminTitle('status'));
      await press(page, page.getByTestId('admin-tab-users'));
      await expect(page.getByTestId('leave-guard')).toContainText(t('adminStatus:guard.passwordNotCopied', { userName }));
      await press(page, page.getByTestId('leave-guard').getByRole('button', { name: t('common:leaveGuard.leave') }));

      // The Users tab's result knows it is superseded: no "Save invite…", and AWS has only the new key.
      await expect(page.getByTestId('invite-superseded')).toContainText(t('adminUsers:result.superseded', { userName }));
      await expect(page.getByRole('button', { name: t('adminUsers:result.save') })).toHaveCount(0);
      await checkScreen(page, lang, 'admin-users-superseded', adminTitle('users'));
      const keys = sandbox.state.listAccessKeys(userName).map((k) => k.accessKeyId);
      expect(keys).toHaveLength(1);
      expect(keys).not.toContain(firstKey);
      // Not only hidden: main refuses to save it, even asked directly.
      const staleSave = await page.evaluate(async () => {
        const run = await window.api.invoke('admin:users:current', {});
        return window.api.invoke('admin:users:saveInvite', { runId: run!.runId, dialogTitle: 'x', filterName: 'y' }).then(
          () => 'allowed',
          (e: { code?: string }) => e.code ?? 'error',
        );
      });
      expect(staleSave).toBe('adminUsers.inviteSuperseded');
      await press(page, page.getByRole('button', { name: t('adminUsers:result.discardStale') }));
      await expect(page.locator('#cu-name')).toBeVisible();

      // Bulk: a template, a file with one bad row, "skip the invalid rows", the hand-off, the sheet.
      await press(page, page.getByTestId('admin-tab-bulk'));
      await checkScreen(page, lang, 'admin-bulk', adminTitle('bulk'));
      const template = join(home.home, 'template.csv');
      ports.dialogs.queueSave(template);
      await press(page, page.getByRole('button', { name: t('adminBulk:template.save') }));
      await expect(page.getByTestId('template-saved')).toBeVisible();
      expect(readFileSync(template, 'utf8').split('\r\n')[0]).toBe(lang === 'ko' ? '\ufeff"사용자","이메일","그룹","태그"' : '\ufeff"userName","email","groups","tags"');
      const good = [`hand.${lang}.a`, `hand.${lang}.b`];
      const csvFile = join(home.home, 'hires.csv');
      writeFileSync(csvFile, ['userName,email,groups,tags', `${good[0]},a@example.com,,`, 'bad name!,x@example.com,,', `${good[1]},b@example.com,,`].join('\r\n') + '\r\n');
      ports.dialogs.queueOpen(csvFile);
      await press(page, page.getByRole('button', { name: t('adminBulk:chooseFile') }));
      await expect(page.getByTestId('bulk-skip-invalid')).toBeVisible();
      await checkScreen(page, lang, 'admin-bulk-problems', adminTitle('bulk'));
      await press(page, page.getByTestId('bulk-skip-invalid'));
      await expect(page.getByTestId('bulk-skipping')).toBeVisible();
      await checkScreen(page, lang, 'admin-bulk-skip', adminTitle('bulk'));
      const out = join(home.home, 'invites');
      mkdirSync(out);
      ports.dialogs.queueFolder(out);
      await press(page, page.getByRole('button', { name: t('adminBulk:options.start', { count: 2 }) }));
      await expect(page.locator('.bulk-run')).toHaveAttribute('data-phase', 'done', { timeout: 30_000 });
      expect(sandbox.state.listUsers().map((u) => u.userName).filter((n) => n.startsWith(`hand.${lang}`)).sort()).toEqual(good);
      await expect(page.getByTestId('handoff')).toBeVisible();
      await checkScreen(page, lang, 'admin-bulk-handoff', adminTitle('bulk'));
      // Reveal to read aloud: the password AWS has.
      await press(page, page.getByRole('button', { name: t('adminBulk:handoff.revealLabel', { userName: good[0] }) }));
      const revealed = (await page.getByTestId(`revealed-${good[0]}`).textContent())!;
      expect(sandbox.state.checkPassword(good[0]!, revealed)).toBe(true);
      // The message to send: says where to get the app, never the password.
      await press(page, page.getByRole('button', { name: t('adminBulk:handoff.copyMessageLabel', { userName: good[0] }) }));
      await expect(page.getByTestId('handoff-done')).toHaveText(t('adminBulk:handoff.messageCopied', { userName: good[0] }));
      expect(ports.clipboard.read()).toContain(`${good[0]}.invite.age`);
      expect(ports.clipboard.read()).not.toContain(revealed);
      // Printed slips: one per user, each with that user's password (window.print is recorded).
      await page.evaluate(() => {
        const w = window as unknown as { __printed: string[][]; print(): void };
        w.__printed = [];
        w.print = () => w.__printed.push([...document.querySelectorAll('.print-slips .slip')].map((s) => s.textContent ?? ''));
      });
      await press(page, page.getByRole('button', { name: t('adminBulk:handoff.printAll', { count: 2 }) }));
      await expect(page.getByTestId('handoff-done')).toHaveText(t('adminBulk:handoff.printed', { count: 2 }));
      const printed = await page.evaluate(() => (window as unknown as { __printed: string[][] }).__printed);
      expect(printed).toHaveLength(1);
      expect(printed[0]).toHaveLength(2);
      expect(printed[0]![0]).toContain(good[0]);
      expect(printed[0]![0]).toContain(revealed);
      await expect(page.getByTestId('print-slips')).toHaveCount(0); // gone from the page after printing
      // A newer invite for one of them (status tab): the run's copy of that password is superseded.
      await press(page, page.getByTestId('admin-tab-status'));
      await press(page, page.getByRole('button', { name: t('adminStatus:table.manageLabel', { userName: good[1] }), exact: true }));
      await press(page, page.getByTestId('status-panel').getByRole('button', { name: t('adminStatus:actions.resend'), exact: true }));
      ports.dialogs.queueSave(join(home.home, `${good[1]}.invite.age`));
      await press(page, page.getByRole('button', { name: t('adminStatus:confirm.confirmResend', { userName: good[1] }) }));
      await expect(page.getByTestId('status-temporary-password')).toBeVisible();
      await press(page, page.getByRole('button', { name: t('adminStatus:result.copyPassword') }));
      await press(page, page.getByTestId('admin-tab-bulk'));
      await expect(page.locator(`.handoff-table tr[data-user="${good[1]}"]`)).toContainText(t('adminBulk:handoff.superseded'));
      await expect(page.getByRole('button', { name: t('adminBulk:handoff.revealLabel', { userName: good[1] }) })).toHaveCount(0);
      await press(page, page.getByRole('button', { name: t('adminBulk:handoff.printAll', { count: 1 }) }));
      // A renderer that skips the screen gets no more: main refuses the superseded password and a
      // message that carries a password.
      const abuse = await page.evaluate(
        async ([stale, fresh, pw]) => {
          const run = await window.api.invoke('admin:bulk:current', {});
          const source = run!.runId;
          const codeOf = (p: Promise<unknown>) => p.then(() => 'allowed', (e: { code?: string }) => e.code ?? 'error');
          return {
            reveal: await codeOf(window.api.invoke('admin:handoff:reveal', { source, userName: stale! })),
            slips: await window.api.invoke('admin:handoff:slips', { source, userNames: [stale!, fresh!] }).then((r) => ({ users: r.slips.map((x) => x.userName), superseded: r.superseded })),
            message: await codeOf(window.api.invoke('admin:handoff:copyMessage', { source, userName: fresh!, text: `hello ${pw}` })),
          };
        },
        [good[1], good[0], revealed] as const,
      );
      expect(abuse).toEqual({ reveal: 'adminBulk.passwordSuperseded', slips: { users: [good[0]], superseded: [good[1]] }, message: 'adminUsers.messageHasSecret' });
      // Slips only for the passwords that still work.
      await expect(page.getByTestId('handoff-done')).toHaveText(t('adminBulk:handoff.printed', { count: 1 }));
      const printedAgain = await page.evaluate(() => (window as unknown as { __printed: string[][] }).__printed);
      expect(printedAgain[1]).toHaveLength(1);
      expect(printedAgain[1]![0]).toContain(good[0]);
      // The sheet (the superseded password left out, and said so), then finishing (asked first).
      const sheet = join(home.home, 'passwords.csv.age');
      await typeInto(page, page.locator('#bulk-pass'), 'correct horse battery');
      await typeInto(page, page.locator('#bulk-pass-again'), 'correct horse battery');
      ports.dialogs.queueSave(sheet);
      await press(page, page.getByRole('button', { name: t('adminBulk:result.export') }));
      await expect(page.getByTestId('bulk-sheet-saved')).toContainText(t('adminBulk:result.exportedSuperseded', { count: 1 }));
      await press(page, page.getByRole('button', { name: t('adminBulk:result.finish'), exact: true }));
      await expect(page.getByTestId('finish-run-confirm')).toBeVisible();
      await checkScreen(page, lang, 'admin-bulk-finish-confirm', adminTitle('bulk'));
      await press(page, page.getByTestId('finish-run-confirm').getByRole('button', { name: t('adminBulk:result.finishConfirm') }));
      await expect(page.getByText(t('adminBulk:result.finished'))).toBeVisible();
      // The saved sheet, opened inside the app with its passphrase.
      await press(page, page.locator('.bulk-sheet-open summary'));
      await typeInto(page, page.locator('#sheet-pass'), 'wrong horse battery');
      ports.dialogs.queueOpen(sheet);
      await press(page, page.getByRole('button', { name: t('adminBulk:sheet.open') }));
      await expect(page.locator('#sheet-pass-error')).toHaveText(t('adminBulk:errors.sheetWrongPassphrase'));
      await typeInto(page, page.locator('#sheet-pass'), 'correct horse battery');
      ports.dialogs.queueOpen(sheet);
      await press(page, page.getByRole('button', { name: t('adminBulk:sheet.open') }));
      await expect(page.getByTestId('sheet-open')).toBeVisible();
      await expect(page.locator('[data-testid="sheet-open"] tbody tr')).toHaveCount(1);
      await press(page, page.getByRole('button', { name: t('adminBulk:handoff.revealLabel', { userName: good[0] }) }));
      expect(sandbox.state.checkPassword(good[0]!, (await page.getByTestId(`revealed-${good[0]}`).textContent())!)).toBe(true);
      await checkScreen(page, lang, 'admin-bulk-sheet', adminTitle('bulk'));
      expect(existsSync(invitePath)).toBe(true);
    });


    test(`admin: policy simulation, attaching to a group, and every status action (reset MFA, remove keys, resync, ask to set up MFA) — keyboard only`, async ({ launchApp }) => {
      test.setTimeout(150_000);
      const { page, ports, home, t } = await open(launchApp, lang, true);
      const lost = sandbox.scenario.newUser({ userName: `lost.${lang}`, attachEnforcementPolicy: true, withMfa: true, passwordResetRequired: false });
      const drift = sandbox.scenario.newUser({ userName: `drift.${lang}`, attachEnforcementPolicy: true, withMfa: true, passwordResetRequired: false });
      const stale = sandbox.scenario.newUser({ userName: `oldkey.${lang}`, attachEnforcementPolicy: true });
      const expired = sandbox.scenario.newUser({ userName: `expired.${lang}`, attachEnforcementPolicy: true, onboardingWindow: { expiresAt: new Date(Date.now() - 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z') } });
      const outsider = sandbox.scenario.newUser({ userName: `outsider.${lang}`, passwordResetRequired: false, withAccessKey: false });
      const group = `tour-hires-${lang}`;
      sandbox.scenario.createGroup(group);
      sandbox.scenario.newUser({ userName: `member.${lang}`, groups: [group], passwordResetRequired: false });
      const app = t('common:appName');
      const adminTitle = (tab: string) => title(t(`admin:nav.${tab}`), t('admin:title'), app);
      await press(page, page.getByTestId('job-admin'));
      await tabTo(page, page.locator('input[name="admin-method"][value="profile"]'));
      await page.keyboard.press('ArrowUp'); // wraps to the last method: typed keys
      await typeInto(page, page.locator('#admin-key-id'), sandbox.admin.accessKeyId);
      await typeInto(page, page.locator('#admin-secret'), sandbox.admin.secretAccessKey);
      await press(page, page.getByRole('button', { name: t('admin:keys.signIn'), exact: true }));
      await press(page, page.getByTestId('admin-tab-policy'));
      await press(page, page.getByRole('button', { name: t('admin:policy.simulate.run') }));
      await expect(page.getByTestId('simulate-table')).toBeVisible();
      // Attaching to a group with a member without MFA: the warning names them and takes focus; confirmed, onboarding opens for them.
      const groupSelect = page.locator('#attach-group');
      await tabTo(page, groupSelect);
      for (let i = 0; i < 20 && (await groupSelect.inputValue()) !== group; i++) await page.keyboard.press('ArrowDown');
      await expect(groupSelect).toHaveValue(group);
      await press(page, page.getByRole('button', { name: t('admin:policy.attach.button', { group }) }));
      await expect(page.getByTestId('attach-warning')).toContainText(`member.${lang}`);
      await expect(page.getByTestId('attach-warning')).toBeFocused();
      expect(sandbox.state.getGroup(group)?.attachedPolicyArns).toEqual([]);
      await checkScreen(page, lang, 'admin-policy-attach-warning', adminTitle('policy'));
      await press(page, page.getByRole('button', { name: t('admin:policy.attach.confirm', { group }) }));
      await expect(page.getByText(t('admin:policy.attach.done', { group }))).toBeVisible();
      expect(sandbox.state.getGroup(group)?.attachedPolicyArns).toEqual([`arn:aws:iam::${sandbox.accountId}:policy/${ENFORCEMENT_POLICY_NAME}`]);
      expect(sandbox.state.getUser(`member.${lang}`)?.tags['iam-onboarding-window']).toBeTruthy();

      await press(page, page.getByTestId('admin-tab-status'));
      const manage = (userName: string) => press(page, page.getByRole('button', { name: t('adminStatus:table.manageLabel', { userName }), exact: true }));
      const action = (key: string) => press(page, page.getByTestId('status-panel').getByRole('button', { name: t(`adminStatus:actions.${key}`), exact: true }));
      // A lost phone: the device removed, a new invite; the password copied by keyboard.
      await manage(lost.userName);
      await action('resetMfa');
      ports.dialogs.queueSave(join(home.home, `${lost.userName}.invite.age`));
      await press(page, page.getByRole('button', { name: t('adminStatus:confirm.confirmResetMfa', { userName: lost.userName }) }));
      await press(page, page.getByRole('button', { name: t('adminStatus:result.copyPassword') }));
      expect(sandbox.state.checkPassword(lost.userName, ports.clipboard.read())).toBe(true);
      expect(sandbox.state.listMfaDevices(lost.userName)).toEqual([]);
      await press(page, page.getByRole('button', { name: t('adminStatus:result.close'), exact: true }));
      // A bootstrap key left behind: removed after confirming.
      await manage(stale.userName);
      await action('removeKeys');
      await press(page, page.getByRole('button', { name: t('adminStatus:confirm.confirmRemoveKeys', { userName: stale.userName }) }));
      await expect(page.getByTestId('status-result')).toBeVisible();
      expect(sandbox.state.listAccessKeys(stale.userName)).toEqual([]);
      // A drifted phone: the two codes the user reads out (oathtool), resynced.
      await manage(drift.userName);
      await action('resync');
      const now = Date.now();
      await typeInto(page, page.locator('#status-resync-code1'), oathtoolCode(drift.mfa!.base32Seed, now - 30_000));
      await typeInto(page, page.locator('#status-resync-code2'), oathtoolCode(drift.mfa!.base32Seed, now));
      await press(page, page.getByRole('button', { name: t('adminStatus:resync.submit'), exact: true }));
      await expect(page.getByTestId('status-result')).toContainText(t('adminStatus:result.resynced', { userName: drift.userName }));
      // An expired invite: flagged in the table and in the panel, with the resend offered.
      await expect(page.getByTestId(`invite-expired-${expired.userName}`)).toHaveText(t('adminStatus:cell.inviteExpired'));
      await manage(expired.userName);
      await expect(page.getByTestId('invite-expired')).toBeVisible();
      await checkScreen(page, lang, 'admin-status-expired', adminTitle('status'));
      // "Ask to set up MFA" for a user the app did not create: onboarding opens, no credential changes.
      await manage(outsider.userName);
      await action('askMfa');
      await expect(page.getByTestId('confirm-askMfa')).toBeVisible();
      await checkScreen(page, lang, 'admin-status-ask-mfa', adminTitle('status'));
      await press(page, page.getByRole('button', { name: t('adminStatus:confirm.confirmAskMfa', { userName: outsider.userName }) }));
      await expect(page.getByTestId('status-mfa-asked')).toContainText(outsider.userName);
      await checkScreen(page, lang, 'admin-status-ask-mfa-done', adminTitle('status'));
      expect(sandbox.state.getUser(outsider.userName)?.tags['iam-onboarding-window']).toBeTruthy();
      expect(sandbox.state.listAccessKeys(outsider.userName)).toEqual([]);
    });
  });
}
