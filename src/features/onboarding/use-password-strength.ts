import { useEffect, useState } from 'react';
import type { Strength, StrengthChecker } from './password-strength';

let loading: Promise<StrengthChecker> | null = null;
/** The checker, loaded once per renderer (its dictionaries are ~1 MB): the meter and a submit share it. */
export const loadStrengthChecker = (): Promise<StrengthChecker> => (loading ??= import('./password-strength').then((m) => m.createStrengthChecker()));

/** zxcvbn's verdict on `password`, or null while the checker loads or the field is empty. */
export function usePasswordStrength(password: string, userInputs: string[]): Strength | null {
  const [checker, setChecker] = useState<StrengthChecker | null>(null);
  useEffect(() => {
    let alive = true;
    void loadStrengthChecker().then((c) => {
      if (alive) setChecker(() => c);
    });
    return () => {
      alive = false;
    };
  }, []);
  return checker && password ? checker(password, userInputs) : null;
}
