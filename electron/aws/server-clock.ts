import type { Clock } from '../platform/clock';

/**
 * Tracks how far the desktop clock is from AWS's, from the `Date` header of the last AWS
 * response. TOTP checks use `now()` from here, so a wrong desktop clock does not look like a
 * wrong phone.
 */
export class ServerClock {
  private skewMs = 0;
  private observed = false;

  constructor(private readonly clock: Clock) {}

  observe(dateHeader: string | undefined): void {
    if (!dateHeader) return;
    const server = Date.parse(dateHeader);
    if (Number.isNaN(server)) return;
    this.skewMs = server - this.clock.now();
    this.observed = true;
  }

  /** Server time in ms (desktop time until a response has been seen). */
  now(): number {
    return this.clock.now() + this.offsetMs();
  }

  /**
   * Server minus desktop time in ms, as applied by `now()`. Read it here rather than as
   * `now() - clock.now()`: two clock reads can straddle a millisecond. HTTP dates have 1 s
   * resolution, so a skew within 1.5 s is noise and counts as none.
   */
  offsetMs(): number {
    return Math.abs(this.skewMs) > 1500 ? this.skewMs : 0;
  }

  /** Desktop minus server, in whole seconds; null before any response. */
  desktopSkewSeconds(): number | null {
    return this.observed ? Math.round(-this.skewMs / 1000) : null;
  }
}
