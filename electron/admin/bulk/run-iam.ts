import { GetAccountPasswordPolicyCommand, GetPolicyCommand, type IAMClient } from '@aws-sdk/client-iam';
import type { IamSender } from '../users/list-groups';

/**
 * The run's view of IAM: every call carries the run's abort signal (a stopped run leaves no call
 * retrying behind it), and the two read-only lookups every user repeats — the account password
 * policy and the MFA policy — are asked once per run instead of once per user.
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
    // Failures are not remembered: the next user asks again.
    const kept = call.catch((e: unknown) => {
      cache.delete(key);
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
