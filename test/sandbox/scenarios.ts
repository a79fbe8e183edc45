import { randomBytes } from 'node:crypto';
import { ENFORCEMENT_POLICY_DESCRIPTION, ENFORCEMENT_POLICY_NAME, buildEnforcementPolicy } from '../../src/shared/mfa-policy/enforcement-policy';
import {
  INVITE_EXPIRY_POLICY_NAME,
  ONBOARDING_WINDOW_TAG,
  buildInviteExpiryPolicy,
  windowDate,
} from '../../src/shared/mfa-policy/onboarding-window';
import { PASSWORD_POLICY_DEFAULTS, type PasswordPolicy } from './password-policy';
import { policyDoc, type AccountState } from './state';
import { stepAt, totpAtStep } from './totp';
import type { NewUserOptions, NewUserResult, Scenarios } from './types';

/** A password that satisfies the current account policy (and AWS's default one). */
export function generatePassword(state: AccountState): string {
  const min = Math.max(16, state.passwordPolicy?.MinimumPasswordLength ?? 8);
  let pw = 'Tmp!' + randomBytes(12).toString('base64url').replace(/[-_]/g, 'x') + 'aA1#';
  while (pw.length < min) pw += 'Zz9!';
  return pw;
}

export function createScenarios(state: AccountState): Scenarios {
  const findPolicy = (name: string) => [...state.policies.values()].find((p) => !p.awsManaged && p.policyName === name);
  const ensurePolicy = (name: string, document: object, path = '/', description?: string): string =>
    findPolicy(name)?.arn ?? state.createPolicy(name, policyDoc(document), path, description).arn;
  const key = (id: string) => {
    const k = state.accessKeys.get(id);
    if (!k) throw new Error(`no access key ${id}`);
    return k;
  };
  const freeDeviceName = (base: string): string => {
    let name = base;
    for (let i = 2; [...state.virtualMfas.values()].some((d) => d.name.toLowerCase() === name.toLowerCase()); i++) name = `${base}-${i}`;
    return name;
  };

  const openWindow = (userName: string, expiresAt: string): void => {
    const u = state.getUser(userName);
    u.inlinePolicies.set(INVITE_EXPIRY_POLICY_NAME, policyDoc(buildInviteExpiryPolicy(expiresAt)));
    state.tagUser(userName, [{ Key: ONBOARDING_WINDOW_TAG, Value: expiresAt }]);
  };

  const scenarios: Scenarios = {
    newUser(o: NewUserOptions): NewUserResult {
      const tags = Object.entries(o.tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
      const u = state.createUser(o.userName, o.path ?? '/', tags);
      const password = o.password ?? generatePassword(state);
      state.createLoginProfile(u.userName, password, o.passwordResetRequired ?? true);
      for (const p of o.policies ?? []) state.attach(u, ensurePolicy(p.name, p.document), 'PoliciesPerUser');
      if (o.attachEnforcementPolicy)
        state.attach(u, ensurePolicy(ENFORCEMENT_POLICY_NAME, buildEnforcementPolicy(), '/', ENFORCEMENT_POLICY_DESCRIPTION), 'PoliciesPerUser');
      // As the app's provisioning does: onboarding open (with its expiry) for a user under enforcement.
      const window = o.onboardingWindow ?? (o.attachEnforcementPolicy ? { days: 7 } : false);
      if (window) openWindow(u.userName, window.expiresAt ?? windowDate(state.nowMs() + (window.days ?? 7) * 86_400_000));
      for (const g of o.groups ?? []) {
        if (!state.groups.has(g.toLowerCase())) state.createGroup(g);
        state.addUserToGroup(g, u.userName);
      }
      const result: NewUserResult = { userName: u.userName, arn: u.arn, password };
      if (o.withAccessKey ?? true) {
        const k = state.createAccessKey(u.userName);
        result.accessKeyId = k.accessKeyId;
        result.secretAccessKey = k.secretAccessKey;
      }
      if (o.withMfa) result.mfa = scenarios.createVirtualMfaDevice(u.userName, u.userName);
      return result;
    },
    setRootFlags(f) {
      if (f.mfaEnabled !== undefined) state.rootFlags.mfaEnabled = f.mfaEnabled;
      if (f.accessKeysPresent !== undefined) state.rootFlags.accessKeysPresent = f.accessKeysPresent;
    },
    setPasswordPolicy(p: Partial<PasswordPolicy> | null) {
      if (p === null) {
        state.passwordPolicy = null;
        return;
      }
      const merged: PasswordPolicy = { ...PASSWORD_POLICY_DEFAULTS, ...p };
      if (merged.MaxPasswordAge) merged.ExpirePasswords = true;
      state.passwordPolicy = merged;
    },
    createGroup(name, policyArns = []) {
      const g = state.groups.get(name.toLowerCase()) ?? state.createGroup(name);
      for (const arn of policyArns) state.attach(g, arn, 'AttachedPoliciesPerGroup');
    },
    createPolicy: (name, document, path) => ensurePolicy(name, document, path),
    ageAccessKey(id, days) {
      const k = key(id);
      k.createDate = new Date(k.createDate.getTime() - days * 86400000);
    },
    setAccessKeyLastUsed(id, lastUsed) {
      const k = key(id);
      if (lastUsed === null) delete k.lastUsed;
      else k.lastUsed = { date: lastUsed.date ?? state.now(), serviceName: lastUsed.serviceName ?? 'iam', region: lastUsed.region ?? state.region };
    },
    setAccessKeyStatus(id, status) {
      key(id).status = status;
    },
    createVirtualMfaDevice(name, userName) {
      const d = state.createVirtualMfa(freeDeviceName(name));
      if (userName) state.assignMfa(userName, d);
      return { serialNumber: d.serialNumber, base32Seed: d.base32Seed };
    },
    mfaCode(serialNumber, offsetSteps = 0) {
      const d = state.getVirtualMfa(serialNumber);
      return totpAtStep(d.base32Seed, stepAt(state.nowMs()) + d.driftSteps + offsetSteps);
    },
    setAccountAlias(alias) {
      state.accountAlias = alias;
    },
    backdateUser(userName, days) {
      const u = state.getUser(userName);
      const back = (d: Date) => new Date(d.getTime() - days * 86400000);
      u.createDate = back(u.createDate);
      if (u.passwordLastUsed) u.passwordLastUsed = back(u.passwordLastUsed);
      if (u.loginProfile) Object.assign(u.loginProfile, { createDate: back(u.loginProfile.createDate), passwordLastChanged: back(u.loginProfile.passwordLastChanged) });
      for (const k of u.accessKeys) {
        k.createDate = back(k.createDate);
        if (k.lastUsed) k.lastUsed.date = back(k.lastUsed.date);
      }
      for (const s of u.mfaSerials) {
        const d = state.virtualMfas.get(s);
        if (d?.enableDate) d.enableDate = back(d.enableDate);
      }
    },
    ageCredentialReport(hours) {
      const r = state.credentialReport;
      if (!r) return;
      r.generatedTime = new Date(r.generatedTime.getTime() - hours * 3600_000);
      r.readyAtMs -= hours * 3600_000;
    },
    setCredentialReportDelayMs(ms) {
      state.credentialReportDelayMs = ms;
    },
    openOnboardingWindow(userName, expiresAt) {
      openWindow(userName, expiresAt);
    },
    closeOnboardingWindow(userName) {
      const u = state.getUser(userName);
      u.tags = u.tags.filter((t) => t.Key !== ONBOARDING_WINDOW_TAG);
    },
  };
  return scenarios;
}
