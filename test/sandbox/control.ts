import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Faults, FaultSpec } from './faults';
import { devicePage, type SsoState } from './sso';
import type { Sandbox } from './types';

/**
 * The JSON control surface under /__sandbox/ (for `npm run sandbox` users and out-of-process tests),
 * plus the SSO device-approval page.
 */
export function createControlHandler(get: () => Sandbox, faults: Faults, sso: SsoState) {
  const json = (res: ServerResponse, status: number, body: unknown): void => {
    const text = JSON.stringify(body ?? null);
    res.statusCode = status;
    res.setHeader('Content-Type', 'application/json');
    res.end(text);
  };
  const html = (res: ServerResponse, status: number, page: string): void => {
    res.statusCode = status;
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(page);
  };

  return async (req: IncomingMessage, res: ServerResponse, body: Buffer, url: URL): Promise<void> => {
    const sb = get();
    const path = url.pathname.replace(/^\/__sandbox/, '') || '/';
    const method = req.method ?? 'GET';
    const isForm = (req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded');
    let input: Record<string, unknown> = {};
    try {
      if (body.length) input = isForm ? Object.fromEntries(new URLSearchParams(body.toString('utf8'))) : (JSON.parse(body.toString('utf8')) as Record<string, unknown>);
    } catch {
      return json(res, 400, { error: 'body must be JSON' });
    }
    // `account` (query or body) aims a scenario or state route at another account of the sandbox.
    const accountParam = url.searchParams.get('account') ?? (typeof input.account === 'string' ? input.account : null);
    delete input.account;
    try {
      const acct = accountParam ? sb.account(accountParam) : sb;
      if (method === 'GET' && (path === '/' || path === '/info'))
        return json(res, 200, { url: sb.url, port: sb.port, accountId: sb.accountId, region: sb.region, admin: sb.admin, env: sb.env, accounts: sb.accountIds() });
      if (method === 'POST' && path === '/scenario/organization') return json(res, 200, sb.scenario.createOrganization(input as never));
      if (method === 'GET' && path === '/organization') return json(res, 200, sb.organization());
      if (path === '/requests') {
        if (method === 'DELETE') {
          sb.requestLog.length = 0;
          return json(res, 200, { ok: true });
        }
        return json(res, 200, sb.requestLog);
      }
      if (method === 'POST' && path === '/scenario/new-user') return json(res, 200, acct.scenario.newUser(input as never));
      // The app's own provisioning and wizard (test/sandbox/app-scenarios.ts); answers carry the secrets a test needs.
      if (method === 'POST' && path === '/scenario/invited-user') return json(res, 200, await sb.scenario.invitedUser(input as never));
      if (method === 'POST' && path === '/scenario/onboarded-user') return json(res, 200, await sb.scenario.onboardedUser(input as never));
      if (method === 'POST' && path === '/scenario/root-flags') return json(res, 200, acct.scenario.setRootFlags(input as never) ?? { ok: true });
      if (method === 'POST' && path === '/scenario/password-policy') {
        acct.scenario.setPasswordPolicy(body.length && Object.keys(input ?? {}).length ? (input as never) : null);
        return json(res, 200, { ok: true });
      }
      if (method === 'POST' && path === '/scenario/group') {
        acct.scenario.createGroup(String(input.name), (input.policyArns as string[] | undefined) ?? []);
        return json(res, 200, { ok: true });
      }
      if (method === 'POST' && path === '/scenario/age-access-key') {
        acct.scenario.ageAccessKey(String(input.accessKeyId), Number(input.days));
        return json(res, 200, { ok: true });
      }
      if (method === 'POST' && path === '/scenario/account-alias') {
        acct.scenario.setAccountAlias((input.alias as string | null | undefined) ?? null);
        return json(res, 200, { ok: true });
      }
      if (method === 'POST' && path === '/scenario/backdate-user') {
        acct.scenario.backdateUser(String(input.userName), Number(input.days));
        return json(res, 200, { ok: true });
      }
      if (method === 'POST' && path === '/scenario/credential-report') {
        if (input.delayMs !== undefined) acct.scenario.setCredentialReportDelayMs(Number(input.delayMs));
        if (input.ageHours !== undefined) acct.scenario.ageCredentialReport(Number(input.ageHours));
        return json(res, 200, { ok: true });
      }
      if (method === 'GET' && path === '/mfa/code') {
        const serial = url.searchParams.get('serialNumber') ?? '';
        return json(res, 200, { code: acct.scenario.mfaCode(serial, Number(url.searchParams.get('offsetSteps') ?? 0)) });
      }
      if (path === '/faults') {
        if (method === 'POST') {
          const { action, ...spec } = input as { action?: string } & FaultSpec;
          faults.set(action ?? '*', spec);
          return json(res, 200, { ok: true });
        }
        if (method === 'DELETE') {
          faults.clear(url.searchParams.get('action') ?? undefined);
          return json(res, 200, { ok: true });
        }
      }
      if (method === 'POST' && path === '/faults/account-throttle') {
        const rate = input.ratePerSec;
        faults.accountThrottle(rate === null || rate === undefined ? null : Number(rate), input.burst === undefined ? undefined : Number(input.burst), accountParam ?? undefined);
        return json(res, 200, { ok: true });
      }
      if (method === 'POST' && path === '/consistency') {
        sb.setConsistencyDelayMs(Math.max(0, Number(input.delayMs ?? 0)));
        return json(res, 200, { ok: true });
      }
      if (method === 'POST' && path === '/clock-skew') {
        sb.setClockSkewMs(Number(input.ms ?? 0));
        return json(res, 200, { ok: true });
      }
      if (method === 'GET' && path === '/state/users') return json(res, 200, acct.state.listUsers());
      if (method === 'GET' && path.startsWith('/state/users/')) {
        const name = decodeURIComponent(path.slice('/state/users/'.length));
        const u = acct.state.getUser(name);
        if (!u) return json(res, 404, { error: 'no such user' });
        return json(res, 200, {
          ...u,
          loginProfile: acct.state.getLoginProfile(name) ?? null,
          accessKeys: acct.state.listAccessKeys(name),
          mfaDevices: acct.state.listMfaDevices(name),
        });
      }
      if (method === 'GET' && path === '/state/virtual-mfa-devices') return json(res, 200, acct.state.listVirtualMfaDevices());
      if (method === 'GET' && path === '/state/summary') return json(res, 200, acct.state.getAccountSummary());
      if (path === '/sso/device' || (path === '/sso/approve' && method === 'GET'))
        return html(res, 200, devicePage(url.searchParams.get('user_code'), sso.pendingUserCodes()));
      if (method === 'POST' && (path === '/sso/approve' || path === '/sso/deny')) {
        const code = String(input.user_code ?? input.userCode ?? '').trim();
        try {
          if (path === '/sso/approve')
            sso.approve(code, input.accountId && input.roleName ? { accountId: String(input.accountId), roleName: String(input.roleName) } : undefined);
          else sso.deny(code);
        } catch (e) {
          if (isForm) return html(res, 404, devicePage(code, sso.pendingUserCodes(), (e as Error).message));
          return json(res, 404, { error: (e as Error).message });
        }
        const what = path === '/sso/approve' ? 'approved' : 'denied';
        if (isForm) return html(res, 200, devicePage(null, sso.pendingUserCodes(), `Request ${code} ${what}. You can close this window.`));
        return json(res, 200, { ok: true, [what]: code });
      }
      return json(res, 404, { error: `no control route ${method} ${url.pathname}` });
    } catch (e) {
      return json(res, 400, { error: (e as Error).message, code: (e as { code?: string }).code });
    }
  };
}
