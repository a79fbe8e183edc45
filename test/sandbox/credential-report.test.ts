import { GenerateCredentialReportCommand, GetCredentialReportCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CREDENTIAL_REPORT_COLUMNS } from './credential-report';
import { startSandbox, type Sandbox } from './index';
import { awsError, iamClient, signedQuery, xmlCode } from './test-helpers';

let sb: Sandbox;
beforeEach(async () => {
  sb = await startSandbox({ credentialReportDelayMs: 300 });
});
afterEach(() => sb.stop());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The report as rows of column → value (header from the file itself). */
async function download(): Promise<{ generated: Date; rows: Map<string, Record<string, string>>; header: string[] }> {
  const r = await iamClient(sb).send(new GetCredentialReportCommand({}));
  expect(r.ReportFormat).toBe('text/csv');
  const [head, ...lines] = Buffer.from(r.Content as Uint8Array).toString('utf8').split('\n');
  const header = (head ?? '').split(',');
  const rows = new Map(lines.map((l) => l.split(',')).map((cells) => [cells[0] ?? '', Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']))]));
  return { generated: r.GeneratedTime as Date, rows, header };
}

describe('credential report (GenerateCredentialReport / GetCredentialReport)', () => {
  it('not present → STARTED → in progress → COMPLETE, Content base64 on the wire', async () => {
    const iam = iamClient(sb);
    expect(await awsError(iam.send(new GetCredentialReportCommand({})))).toMatchObject({ name: 'CredentialReportNotPresentException', status: 410 });
    expect(await iam.send(new GenerateCredentialReportCommand({}))).toMatchObject({ State: 'STARTED', Description: 'No report exists. Starting a new report generation task' });
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe('INPROGRESS');
    // The API reference: ReportInProgress is HTTP 404 (the SDK calls it CredentialReportNotReadyException).
    const raw = await signedQuery(sb, 'Action=GetCredentialReport&Version=2010-05-08');
    expect({ status: raw.status, code: xmlCode(raw.text) }).toEqual({ status: 404, code: 'ReportInProgress' });
    expect(await awsError(iam.send(new GetCredentialReportCommand({})))).toMatchObject({ name: 'CredentialReportNotReadyException', status: 404 });
    await sleep(350);
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe('COMPLETE');
    const ok = await signedQuery(sb, 'Action=GetCredentialReport&Version=2010-05-08');
    const content = /<Content>([^<]*)<\/Content>/.exec(ok.text)?.[1] ?? '';
    expect(content).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(content, 'base64').toString('utf8').split('\n')[0]).toBe(CREDENTIAL_REPORT_COLUMNS.join(','));
  });

  it('columns exactly as AWS documents them, one row per user with its credentials', async () => {
    sb.scenario.setPasswordPolicy({ MinimumPasswordLength: 12, MaxPasswordAge: 90 });
    const fresh = sb.scenario.newUser({ userName: 'r.fresh' });
    const done = sb.scenario.newUser({ userName: 'r.done', passwordResetRequired: false, withMfa: true });
    sb.scenario.setAccessKeyLastUsed(done.accessKeyId ?? '', { date: new Date('2024-05-06T07:08:09.500Z'), serviceName: 's3', region: 'eu-west-1' });
    await iamClient(sb).send(new GenerateCredentialReportCommand({}));
    await sleep(350);
    const { header, rows, generated } = await download();
    expect(header).toEqual([
      'user', 'arn', 'user_creation_time', 'password_enabled', 'password_last_used', 'password_last_changed', 'password_next_rotation', 'mfa_active',
      'access_key_1_active', 'access_key_1_last_rotated', 'access_key_1_last_used_date', 'access_key_1_last_used_region', 'access_key_1_last_used_service',
      'access_key_2_active', 'access_key_2_last_rotated', 'access_key_2_last_used_date', 'access_key_2_last_used_region', 'access_key_2_last_used_service',
      'cert_1_active', 'cert_1_last_rotated', 'cert_2_active', 'cert_2_last_rotated',
    ]);
    expect(Date.now() - generated.getTime()).toBeLessThan(5000);
    const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/;
    expect(rows.get('<root_account>')).toMatchObject({ arn: `arn:aws:iam::${sb.accountId}:root`, password_enabled: 'not_supported', mfa_active: 'false' });
    const f = rows.get('r.fresh')!;
    expect(f).toMatchObject({ arn: fresh.arn, password_enabled: 'true', password_last_used: 'no_information', mfa_active: 'false', access_key_1_active: 'true', access_key_1_last_used_date: 'N/A', access_key_2_active: 'false', access_key_2_last_rotated: 'N/A' });
    expect(f.password_last_changed).toMatch(iso);
    expect(f.access_key_1_last_rotated).toMatch(iso);
    expect(new Date(f.password_next_rotation!).getTime() - new Date(f.password_last_changed!).getTime()).toBe(90 * 86400_000);
    expect(rows.get('r.done')).toMatchObject({ mfa_active: 'true', access_key_1_last_used_date: '2024-05-06T07:08:09+00:00', access_key_1_last_used_region: 'eu-west-1', access_key_1_last_used_service: 's3' });
    // The admin has no console password and one key (used by this test's own calls).
    expect(rows.get(sb.admin.userName)).toMatchObject({ password_enabled: 'false', password_last_used: 'N/A', password_last_changed: 'N/A', password_next_rotation: 'N/A', access_key_1_active: 'true', access_key_1_last_used_service: 'iam', access_key_2_active: 'false', access_key_2_last_rotated: 'N/A' });
  });

  it('a new report at most every four hours: later changes wait; an expired report says so and regenerates', async () => {
    const iam = iamClient(sb);
    sb.scenario.setCredentialReportDelayMs(0);
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe('STARTED');
    const first = await download();
    sb.scenario.newUser({ userName: 'r.later' });
    await iam.send(new PutUserPolicyCommand({ UserName: 'r.later', PolicyName: 'p', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }] }) }));
    sb.scenario.ageCredentialReport(3.9);
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe('COMPLETE');
    const same = await download();
    expect(same.rows.has('r.later')).toBe(false);
    expect(same.generated.getTime()).toBe(first.generated.getTime() - 3.9 * 3600_000);
    sb.scenario.ageCredentialReport(0.1);
    expect(await awsError(iam.send(new GetCredentialReportCommand({})))).toMatchObject({ name: 'CredentialReportExpiredException', status: 410 });
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe('STARTED');
    expect((await download()).rows.has('r.later')).toBe(true);
  });

  it('both actions are authorized (iam:GenerateCredentialReport, iam:GetCredentialReport)', async () => {
    const u = sb.scenario.newUser({ userName: 'r.nobody' });
    const iam = iamClient(sb, { accessKeyId: u.accessKeyId ?? '', secretAccessKey: u.secretAccessKey ?? '' });
    expect(await awsError(iam.send(new GenerateCredentialReportCommand({})))).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(await awsError(iam.send(new GetCredentialReportCommand({})))).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(sb.requestLog.filter((e) => e.caller === 'r.nobody').map((e) => e.errorCode)).toEqual(['AccessDenied', 'AccessDenied']);
  });
});
