import { Injectable } from '@nestjs/common';

/** The time source of the app; tests and the development clock replace it to walk through days in minutes. */
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
