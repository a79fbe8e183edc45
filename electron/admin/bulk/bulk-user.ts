import type { AppErrorShape } from '../../../src/shared/errors/app-error';
import type { BulkUser } from '../../../src/shared/ipc/channels/admin-bulk';
import type { CreateUserInput } from '../../../src/shared/ipc/channels/admin-users';
import { planSteps, type RunSecrets, type StepRecord } from '../users/provision-steps';
import type { JournalHeader, UserProgress } from './journal';
import { inviteIsCurrent } from './run-files';
import type { RunKey } from './run-key';

export const WRITE_INVITE = 'writeInvite';

/** One user of a bulk run, in main-process memory. */
export interface UserJob {
  input: CreateUserInput;
  /** The account this user goes to when the file named one; null: the run's account. */
  accountId: string | null;
  steps: StepRecord[];
  inviteWritten: boolean;
  status: BulkUser['status'];
  step: string | null;
  error?: AppErrorShape;
  /** Plain secrets only while the user is being provisioned; dropped once the invite is written. */
  secrets: RunSecrets;
  /** The temporary password, sealed to the run key (as in the journal). */
  sealed: string | null;
  inviteFile: string | null;
}

export type JournalUser = JournalHeader['users'][number];

export function inputFor(u: JournalUser, attachTo: string | null, inviteValidDays: number): CreateUserInput {
  const groups = attachTo && !u.groups.includes(attachTo) ? [...u.groups, attachTo] : u.groups;
  return {
    userName: u.userName,
    groups,
    tags: Object.entries(u.tags).map(([key, value]) => ({ key, value })),
    attachPolicyTo: attachTo ? { kind: 'group', groupName: attachTo } : { kind: 'user' },
    inviteValidDays,
  };
}

export function newJob(input: CreateUserInput, accountId: string | null = null): UserJob {
  return {
    input,
    accountId,
    steps: planSteps(input),
    inviteWritten: false,
    status: 'pending',
    step: null,
    secrets: { password: null, secretAccessKey: null, accessKeyId: null },
    sealed: null,
    inviteFile: null,
  };
}

/**
 * A user as the journal left it. A step started without "done" may have happened: it runs again
 * and finds what it left (CreateUser checks the user is ours; CreateLoginProfile falls back to
 * UpdateLoginProfile). The secret key was only in memory, so unless the invite was written
 * after the key, a new key replaces every key on the user. The password survives if its sealed
 * copy opens; otherwise the user gets a new one (UpdateLoginProfile) and a new invite.
 */
export async function jobFromJournal(input: CreateUserInput, p: UserProgress, key: RunKey, accountId: string | null = null): Promise<{ job: UserJob; reissued: boolean }> {
  const job = newJob(input, accountId);
  const sealed = p.done.has('createLoginProfile') ? (p.data.passwordSealed ?? null) : null;
  const password = sealed ? await key.open(sealed) : null;
  if (password && inviteIsCurrent(p.done)) {
    job.steps.forEach((s) => Object.assign(s, { status: 'done', effect: 'yes' }));
    return { job: { ...job, inviteWritten: true, status: 'done', sealed, inviteFile: p.data.inviteFile ?? null, secrets: { ...job.secrets, accessKeyId: p.data.accessKeyId ?? null } }, reissued: false };
  }
  // The window's end, journalled before the first CreateUser (its tag, the policy and the invite state it).
  if (p.data.expiresAt) job.secrets.expiresAt = p.data.expiresAt;
  const touched = (id: string) => p.done.has(id) || p.inFlight === id || p.failed?.step === id;
  for (const s of job.steps) {
    if (p.done.has(s.id)) Object.assign(s, { status: 'done', effect: 'yes' });
    else if (touched(s.id)) s.effect = 'maybe';
  }
  const profile = job.steps.find((s) => s.kind === 'createLoginProfile')!;
  const reissued = profile.status === 'done' && !password;
  if (password) {
    job.secrets.password = password;
    job.sealed = sealed;
  } else profile.status = 'pending';
  // The secret key is gone with the old process: a new key, after removing whatever keys an
  // earlier attempt made (its effect is 'yes' or 'maybe' then; untouched, no key can exist).
  job.steps.find((s) => s.kind === 'createAccessKey')!.status = 'pending';
  if (p.failed) job.error = { code: p.failed.error };
  return { job, reissued };
}
