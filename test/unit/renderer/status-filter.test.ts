import { describe, expect, it } from 'vitest';
import type { StatusKey, UserStatusRow } from '../../../src/shared/ipc/channels/admin-status';
import { fakeAccessKeyId } from '../../support/fake-keys';
import { DEFAULT_SORT, filterRows, hasProblem, keyProblem, lastActivity, NO_FILTER, nextSort, shortKeyId, sortRows, stateCounts } from '../../../src/features/admin/status/filter';

const NOW = Date.parse('2026-06-01T00:00:00Z');
const daysAgo = (d: number) => new Date(NOW - d * 86_400_000).toISOString();
const key = (o: Partial<StatusKey> = {}): StatusKey => ({
  accessKeyId: fakeAccessKeyId('example000000001'),
  slot: null,
  status: 'Active',
  createDate: daysAgo(1),
  ageDays: 1,
  lastUsedDate: null,
  lastUsedKnown: true,
  bootstrap: true,
  ...o,
});
const row = (userName: string, o: Partial<UserStatusRow> = {}): UserStatusRow => ({
  userName,
  arn: `arn:aws:iam::123456789012:user/${userName}`,
  createDate: daysAgo(1),
  status: 'waitingFirstSignIn',
  consolePassword: true,
  passwordResetRequired: true,
  mfaActive: false,
  mfaDevices: [],
  accessKeys: [key()],
  passwordLastUsed: null,
  groups: [],
  tags: [],
  inlinePolicies: [],
  attachedPolicies: [],
  source: 'live',
  onboardingWindow: { open: true, expiresAt: daysAgo(-5), expired: false },
  missingPermissions: [],
  ...o,
});

const waiting = row('b.waiting');
const expired = row('a.expired', { onboardingWindow: { open: true, expiresAt: daysAgo(2), expired: true } });
const half = row('c.half', { status: 'passwordChangedNoMfa', passwordLastUsed: daysAgo(3), onboardingWindow: { open: true, expiresAt: daysAgo(-1), expired: false } });
const done = row('d.done', { status: 'done', mfaActive: true, accessKeys: [key({ bootstrap: false, lastUsedDate: daysAgo(0.5) })], onboardingWindow: { open: false, expiresAt: null, expired: false } });
const doneLeftKey = row('e.leftkey', { status: 'done', mfaActive: true, accessKeys: [key()], passwordLastUsed: daysAgo(10), onboardingWindow: { open: false, expiresAt: null, expired: false } });
const cliNoMfa = row('f.cli', { status: 'noConsoleAccess', consolePassword: false, accessKeys: [key({ bootstrap: false, lastUsedDate: daysAgo(120), createDate: daysAgo(400), ageDays: 400 })], onboardingWindow: null });
const all = [waiting, expired, half, done, doneLeftKey, cliNoMfa];
const names = (rows: UserStatusRow[]) => rows.map((r) => r.userName);
const only = (state: typeof NO_FILTER.state) => names(filterRows(all, { ...NO_FILTER, state }, NOW));

describe('status table: state filter', () => {
  it('each state shows exactly its users', () => {
    expect(only('all')).toEqual(names(all));
    expect(only('waiting')).toEqual(['b.waiting']); // the expired one is not "waiting"
    expect(only('expired')).toEqual(['a.expired']);
    expect(only('noMfa')).toEqual(['c.half', 'f.cli']);
    expect(only('done')).toEqual(['d.done', 'e.leftkey']);
    expect(only('problems')).toEqual(['a.expired', 'e.leftkey', 'f.cli']);
  });
  it('counts agree with what each filter shows', () => {
    expect(stateCounts(all, NOW)).toEqual({ all: 6, waiting: 1, expired: 1, noMfa: 2, done: 2, problems: 3 });
  });
  it('combines with the name, group and tag filters', () => {
    const tagged = row('g.tagged', { groups: ['hires'], tags: [{ key: 'team', value: 'blue' }] });
    expect(names(filterRows([...all, tagged], { text: '', group: 'hires', tag: 'team=blue', state: 'waiting' }, NOW))).toEqual(['g.tagged']);
    expect(names(filterRows([...all, tagged], { text: 'TAG', group: '', tag: '', state: 'done' }, NOW))).toEqual([]);
  });
});

describe('status table: which keys are red', () => {
  it('a fresh bootstrap key of a waiting user is normal', () => {
    expect(keyProblem(waiting, waiting.accessKeys![0]!, NOW)).toBeNull();
    expect(hasProblem(waiting, NOW)).toBe(false);
  });
  it('a bootstrap key left after onboarding, and a key unused for more than 90 days, are problems', () => {
    expect(keyProblem(doneLeftKey, doneLeftKey.accessKeys![0]!, NOW)).toBe('leftOver');
    expect(keyProblem(expired, expired.accessKeys![0]!, NOW)).toBe('leftOver');
    expect(keyProblem(cliNoMfa, cliNoMfa.accessKeys![0]!, NOW)).toBe('unused');
    // Never used: counted from creation (a report row has only its age).
    expect(keyProblem(waiting, key({ createDate: daysAgo(91) }), NOW)).toBe('unused');
    expect(keyProblem(waiting, key({ createDate: daysAgo(89) }), NOW)).toBeNull();
    expect(keyProblem(waiting, key({ createDate: null, ageDays: 120 }), NOW)).toBe('unused');
    // Used recently, inactive, or use unknown: not flagged.
    expect(keyProblem(done, done.accessKeys![0]!, NOW)).toBeNull();
    expect(keyProblem(waiting, key({ status: 'Inactive', createDate: daysAgo(300) }), NOW)).toBeNull();
    expect(keyProblem(waiting, key({ lastUsedKnown: false, createDate: daysAgo(300) }), NOW)).toBeNull();
  });
});

describe('status table: sort', () => {
  it('by user, both ways', () => {
    expect(names(sortRows(all, DEFAULT_SORT))).toEqual(['a.expired', 'b.waiting', 'c.half', 'd.done', 'e.leftkey', 'f.cli']);
    expect(names(sortRows(all, { key: 'user', dir: 'desc' }))).toEqual(['f.cli', 'e.leftkey', 'd.done', 'c.half', 'b.waiting', 'a.expired']);
  });
  it('by state: most urgent first, ties by name', () => {
    expect(names(sortRows(all, { key: 'state', dir: 'asc' }))).toEqual(['a.expired', 'c.half', 'b.waiting', 'f.cli', 'd.done', 'e.leftkey']);
  });
  it('by expiry: soonest first; users without an invite period last in both directions', () => {
    expect(names(sortRows(all, { key: 'expiry', dir: 'asc' }))).toEqual(['a.expired', 'c.half', 'b.waiting', 'd.done', 'e.leftkey', 'f.cli']);
    expect(names(sortRows(all, { key: 'expiry', dir: 'desc' }))).toEqual(['b.waiting', 'c.half', 'a.expired', 'd.done', 'e.leftkey', 'f.cli']);
  });
  it('by last activity (sign-in or key use): most recent first; never active last', () => {
    expect(lastActivity(cliNoMfa)).toBe(daysAgo(120));
    expect(names(sortRows(all, { key: 'lastActivity', dir: 'desc' }))).toEqual(['d.done', 'c.half', 'e.leftkey', 'f.cli', 'a.expired', 'b.waiting']);
  });
  it('a click on the sorted column reverses it; another column starts in its natural order', () => {
    expect(nextSort(DEFAULT_SORT, 'user')).toEqual({ key: 'user', dir: 'desc' });
    expect(nextSort(DEFAULT_SORT, 'lastActivity')).toEqual({ key: 'lastActivity', dir: 'desc' });
    expect(nextSort({ key: 'lastActivity', dir: 'desc' }, 'expiry')).toEqual({ key: 'expiry', dir: 'asc' });
  });
  it('does not change the rows it is given', () => {
    const copy = [...all];
    sortRows(all, { key: 'user', dir: 'desc' });
    expect(all).toEqual(copy);
  });
});

it('key ids in short form keep the start and the end', () => {
  expect(shortKeyId('AKIAIOSFODNN7EXAMPLE')).toBe('AKIA…MPLE');
  expect(shortKeyId('AKIASHORT')).toBe('AKIASHORT');
});
