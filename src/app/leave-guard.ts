import { useEffect } from 'react';
import { defineStore } from './define-store';

/**
 * Screens that show a secret once (a new user's password, an invite not saved yet) say what would
 * be lost; leaving them — another tab, Home, sign out — asks first. The idle lock does not ask:
 * the secrets are already wiped then.
 */
interface LeaveGuardState {
  /** Guard id → what leaving would lose (in the user's language), or null when nothing. */
  reasons: Record<string, string | null>;
  /** A leave waiting for the admin's answer. */
  pending: { reasons: string[]; proceed(): void; onStay?: () => void } | null;
  set(id: string, reason: string | null): void;
  remove(id: string): void;
  /** Runs `proceed` now, or after the user confirms when something would be lost. */
  requestLeave(proceed: () => void, onStay?: () => void): void;
  confirm(): void;
  stay(): void;
}

// Reset on lock: the secrets it guarded are gone, so a question still open about them is moot.
export const useLeaveGuard = defineStore<LeaveGuardState>('app/leaveGuard', 'reset', (set, get) => ({
  reasons: {},
  pending: null,
  set: (id, reason) => set((s) => ({ reasons: { ...s.reasons, [id]: reason } })),
  remove: (id) =>
    set((s) => {
      const { [id]: _gone, ...rest } = s.reasons;
      return { reasons: rest };
    }),
  requestLeave(proceed, onStay) {
    const reasons = Object.values(get().reasons).filter((r): r is string => !!r);
    if (reasons.length === 0) proceed();
    else set({ pending: { reasons, proceed, ...(onStay ? { onStay } : {}) } });
  },
  confirm() {
    const p = get().pending;
    set({ pending: null });
    p?.proceed();
  },
  stay() {
    const p = get().pending;
    set({ pending: null });
    p?.onStay?.();
  },
}));

/** While mounted, leaving asks first if `reason` is set. */
export function useGuardLeave(id: string, reason: string | null): void {
  const setReason = useLeaveGuard((s) => s.set);
  const remove = useLeaveGuard((s) => s.remove);
  useEffect(() => setReason(id, reason), [id, reason, setReason]);
  useEffect(() => () => remove(id), [id, remove]);
}
