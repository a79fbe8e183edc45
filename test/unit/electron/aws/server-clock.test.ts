import { describe, expect, it } from 'vitest';
import { ServerClock } from '../../../../electron/aws/server-clock';

/** A desktop clock at a fixed time that moves a millisecond at every read. */
const ticking = (start: number) => {
  let t = start;
  return { now: () => t++ };
};

describe('ServerClock: AWS time from the Date header of the last answer', () => {
  const desktop = Date.parse('2026-11-23T10:00:00Z');

  it('before any answer, AWS time is desktop time and the skew is unknown', () => {
    const clock = new ServerClock({ now: () => desktop });
    expect(clock.now()).toBe(desktop);
    expect(clock.offsetMs()).toBe(0);
    expect(clock.desktopSkewSeconds()).toBeNull();
  });

  it('a desktop clock 2 minutes slow: AWS time is 2 minutes ahead, and the offset is read once, exactly', () => {
    const clock = new ServerClock(ticking(desktop));
    clock.observe('Mon, 23 Nov 2026 10:02:00 GMT');
    // observe() read the desktop clock at `desktop`; every later read is a millisecond on.
    expect(clock.offsetMs()).toBe(120_000);
    expect(clock.offsetMs()).toBe(120_000);
    expect(clock.now()).toBe(desktop + 1 + 120_000);
    expect(clock.desktopSkewSeconds()).toBe(-120);
  });

  it('a skew within HTTP dates\' 1 s resolution (and a bit) counts as none; beyond 1.5 s it applies', () => {
    const at = (header: string) => {
      const clock = new ServerClock({ now: () => desktop });
      clock.observe(header);
      return { offset: clock.offsetMs(), now: clock.now(), skew: clock.desktopSkewSeconds() };
    };
    expect(at('Mon, 23 Nov 2026 10:00:01 GMT')).toEqual({ offset: 0, now: desktop, skew: -1 });
    expect(at('Mon, 23 Nov 2026 09:59:59 GMT')).toEqual({ offset: 0, now: desktop, skew: 1 });
    expect(at('Mon, 23 Nov 2026 10:00:02 GMT')).toEqual({ offset: 2000, now: desktop + 2000, skew: -2 });
    expect(at('Mon, 23 Nov 2026 09:59:58 GMT')).toEqual({ offset: -2000, now: desktop - 2000, skew: 2 });
  });

  it('a missing or unreadable Date header changes nothing', () => {
    const clock = new ServerClock({ now: () => desktop });
    clock.observe('Mon, 23 Nov 2026 10:05:00 GMT');
    clock.observe(undefined);
    clock.observe('not a date');
    expect(clock.offsetMs()).toBe(300_000);
    expect(clock.desktopSkewSeconds()).toBe(-300);
  });
});
