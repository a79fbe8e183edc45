import { AppError } from '../../src/shared/errors/app-error';
import { isAccessDenied } from '../aws/aws-error';

/**
 * Which IAM action a failed call was, so a screen can say "missing permission iam:X" for one
 * row instead of failing as a whole.
 */
export interface ActionTagged {
  $action?: string;
}

export async function tagAction<T>(action: string, call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error && typeof error === 'object' && !(error as ActionTagged).$action) (error as ActionTagged).$action = action;
    throw error;
  }
}

/** A list from an IAM answer: an emulator (or the SDK) may leave an empty one out. */
export const listOf = <T>(xs: T[] | undefined): T[] => xs ?? [];

/**
 * Every item of a paginated IAM list: follows Marker while IsTruncated (IAM may return fewer than
 * MaxItems with more to come, and pages at 100 by default — IAM API Reference, "Marker").
 */
export async function allPages<P extends { IsTruncated?: boolean; Marker?: string }, T>(
  action: string,
  fetchPage: (Marker: string | undefined) => Promise<P>,
  items: (page: P) => T[] | undefined,
): Promise<T[]> {
  const out: T[] = [];
  let Marker: string | undefined;
  do {
    const page = await tagAction(action, fetchPage(Marker));
    out.push(...listOf(items(page)));
    Marker = page.IsTruncated ? page.Marker : undefined;
  } while (Marker);
  return out;
}

/** Runs `fn` with a concurrency limit (IAM throttles bursts). */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** AccessDenied on a tagged call becomes "missing permission iam:X" in the admin's language. */
export async function namingMissingPermission<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const action = (error as ActionTagged)?.$action;
    if (action && isAccessDenied(error)) {
      throw new AppError('admin.missingPermission', { permission: action }, { cause: error });
    }
    throw error;
  }
}
