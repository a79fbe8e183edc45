import type { ServerClock } from '../aws/server-clock';

/**
 * Desktop minus AWS time for the screen, or null when it does not matter. HTTP dates have 1 s
 * resolution, so the value is rounded to 5 s ("about 120 seconds", not "119").
 */
export function desktopSkewForDisplay(clock: ServerClock): number | null {
  const skew = clock.desktopSkewSeconds();
  if (skew === null || Math.abs(skew) < 10) return null;
  return Math.round(skew / 5) * 5;
}
