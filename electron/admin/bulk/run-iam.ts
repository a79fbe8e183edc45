import { GetAccountPasswordPolicyCommand, GetPolicyCommand, type IAMClient } from '@aws-sdk/client-iam';
import { isAccessDenied, isAwsError } from '../../aws/aws-error';
import type { IamSender } from '../users/list-groups';

/**
 * The run's view of IAM: every call carries the run's abort signal (a stopped run leaves no call
 * retrying behind it), and the two read-only lookups every user repeats — the account password
 * policy and the MFA policy — are asked once per run instead of once per user. A definite "no"
 * is an answer too: "no password policy" (NoSuchEntity) and "may not read it" (AccessDenied) are
 * kept like a policy is; only failures that may pass (throttling, 5xx, network) are asked again.
 */
export function runIam(client: Pick<IAMClient, 'send'>, signal: AbortSignal): IamSender {
  const cache = new Map<string, Promise<unknown>>();
  const send = (command: unknown): Promise<unknown> => {
    const key = cacheKey(command);
    if (key) {
      const hit = cache.get(key);
      if (hit) return hit;
    }
    const call = (client.send as (c: unknown, o: { abortSignal: AbortSignal }) => Promise<unknown>)(command, { abortSignal: signal });
    if (!key) return call;
    const kept = call.catch((e: unknown) => {
      if (!isAwsError(e, 'NoSuchEntity') && !isAccessDenied(e)) cache.delete(key);
      throw e;
    });
    cache.set(key, kept);
    return kept;
  };
  return { send } as unknown as IamSender;
}

function cacheKey(command: unknown): string | null {
  if (command instanceof GetAccountPasswordPolicyCommand) return 'passwordPolicy';
  if (command instanceof GetPolicyCommand) return `policy:${command.input.PolicyArn ?? ''}`;
  return null;
}

/**
 * Run-wide memo for work that is the run's, not each user's (putting the MFA policy on a group):
 * done once, shared by every user; a failure is forgotten so the next user tries again.
 */
export function runMemo(): <T>(key: string, work: () => Promise<T>) => Promise<T> {
  const done = new Map<string, Promise<unknown>>();
  return <T>(key: string, work: () => Promise<T>): Promise<T> => {
    const hit = done.get(key);
    if (hit) return hit as Promise<T>;
    const p = work().catch((e: unknown) => {
      done.delete(key);
      throw e;
    });
    done.set(key, p);
    return p;
  };
}
