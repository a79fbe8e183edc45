import { AppError } from '../../../src/shared/errors/app-error';
import { isAccessDenied } from '../../aws/aws-error';
import type { ActionTagged } from '../iam-call';

/** One thing a fix creates, as the plan lists it and the result reports it (the renderer words it by `kind`). */
export interface CreatedItem {
  service: string;
  kind: string;
  name: string;
  detail: string | null;
}

export interface Step {
  item: CreatedItem;
  run(): Promise<unknown>;
  /** How to take this step back if a later one fails (omitted: it goes with an earlier step's undo). */
  undo?(): Promise<unknown>;
}

/**
 * Runs the steps of a fix in order. When one fails, the steps already done are undone in reverse (best effort),
 * so a fix is all or nothing; the error names the missing permission when AWS said "access denied".
 */
export async function runSteps(steps: Step[]): Promise<CreatedItem[]> {
  const done: Step[] = [];
  for (const step of steps) {
    try {
      await step.run();
      done.push(step);
    } catch (error) {
      for (const d of done.reverse()) await d.undo?.().catch(() => undefined);
      const action = (error as ActionTagged)?.$action;
      if (action && isAccessDenied(error)) throw new AppError('admin.missingPermission', { permission: action }, { cause: error });
      throw error;
    }
  }
  return steps.map((s) => s.item);
}
