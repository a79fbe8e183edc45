import { useEffect, useState } from 'react';
import type { Strength, StrengthChecker } from './password-strength';

/** zxcvbn's verdict on `password`, or null while the checker loads or the field is empty. */
export function usePasswordStrength(password: string, userInputs: string[]): Strength | null {
  const [checker, setChecker] = useState<StrengthChecker | null>(null);
  useEffect(() => {
    let alive = true;
    void import('./password-strength')
      .then((m) => m.createStrengthChecker())
      .then((c) => {
        if (alive) setChecker(() => c);
      });
    return () => {
      alive = false;
    };
  }, []);
  return checker && password ? checker(password, userInputs) : null;
}
