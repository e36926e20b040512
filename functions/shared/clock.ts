// The clock port. Domain code asks a Clock for "now" so tests and demos can set it.
// DOCKET_NOW (local runtime only) starts the clock at a given instant; it then runs
// forward in real time so timers (ballot auto-close) still fire during a demo.

export interface Clock {
  now(): Date;
}

class SettableClock implements Clock {
  private offsetMs = 0;
  /** True once the clock has been moved away from real time. */
  simulated = false;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  set(instant: Date): void {
    this.offsetMs = instant.getTime() - Date.now();
    this.simulated = true;
  }
}

const initial = process.env.DOCKET_NOW;
export const clock = new SettableClock();
if (initial) {
  const at = new Date(initial);
  if (Number.isNaN(at.getTime())) throw new Error(`DOCKET_NOW is not an ISO 8601 instant: ${initial}`);
  clock.set(at);
}

/** A clock fixed at one instant, for unit tests. */
export const fixedClock = (iso: string): Clock => ({ now: () => new Date(iso) });
