import { Injectable } from '@nestjs/common';

/**
 * The time source of both processes; tests replace "now" to walk through days in seconds. It lives here, beside
 * the config, because the api and the worker must share one notion of it (prompt due times, link expiry).
 */
@Injectable()
export class Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  /** Moves this process's notion of now; used only by tests and the development clock. */
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
