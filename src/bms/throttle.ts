import type { Clock } from '../clock.ts';
import { BmsError } from './errors.ts';

export interface ThrottleOptions {
  /** Maximum requests to one endpoint in any sliding hour. */
  requestsPerHour: number;
  /** Maximum time a request waits for a free slot; a longer wait fails at once with 'rate_limited'. */
  maxWaitMs: number;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
}

const HOUR_MS = 3_600_000;

/**
 * Send times of the last `capacity` requests to one endpoint, oldest first, in a ring buffer.
 * Once the ring is full, a new request takes the slot of the oldest one and may be sent one hour
 * after it. Each new time is at least as late as every stored one, so the ring stays sorted and
 * any hour contains at most `capacity` send times.
 */
class SendTimeRing {
  private readonly sendTimes: Float64Array;
  private oldest = 0;
  private size = 0;

  constructor(private readonly capacity: number) {
    this.sendTimes = new Float64Array(capacity);
  }

  /** Returns the wait in ms before a request may be sent, and reserves that slot unless the wait exceeds maxWaitMs. */
  reserve(now: number, maxWaitMs: number): number {
    if (this.size < this.capacity) {
      this.sendTimes[(this.oldest + this.size) % this.capacity] = now;
      this.size++;
      return 0;
    }
    const sendAt = Math.max(now, (this.sendTimes[this.oldest] ?? now) + HOUR_MS);
    const waitMs = sendAt - now;
    if (waitMs > maxWaitMs) return waitMs;
    this.sendTimes[this.oldest] = sendAt;
    this.oldest = (this.oldest + 1) % this.capacity;
    return waitMs;
  }
}

/**
 * Client-side rate limit per endpoint (method and path template), because BMS documents a limit
 * of 1500 requests per hour per endpoint and sends no rate-limit headers. Shared by every user of
 * one client, since the limit is BMS's and not the user's.
 * NOTE: whether BMS counts per tenant, per user or per token is not documented; counting all users
 * together is the cautious reading.
 */
export class EndpointThrottle {
  private readonly rings = new Map<string, SendTimeRing>();

  constructor(private readonly options: ThrottleOptions) {
    if (!Number.isInteger(options.requestsPerHour) || options.requestsPerHour < 1) {
      throw new RangeError(`requestsPerHour must be a positive whole number, got ${options.requestsPerHour}`);
    }
  }

  /** Waits until a request to `endpoint` may be sent, or throws 'rate_limited' when that wait would exceed maxWaitMs. */
  async acquire(endpoint: string): Promise<void> {
    let ring = this.rings.get(endpoint);
    if (!ring) {
      ring = new SendTimeRing(this.options.requestsPerHour);
      this.rings.set(endpoint, ring);
    }

    const waitMs = ring.reserve(this.options.clock(), this.options.maxWaitMs);
    if (waitMs > this.options.maxWaitMs) {
      const retryAfterSeconds = Math.ceil(waitMs / 1000);
      throw new BmsError(
        'rate_limited',
        `The app has used its ${this.options.requestsPerHour} requests per hour to ${endpoint}; retry in ${formatWait(retryAfterSeconds)}.`,
        { endpoint, retryAfterSeconds },
      );
    }
    if (waitMs > 0) await this.options.sleep(waitMs);
  }
}

function formatWait(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  return `${Math.ceil(seconds / 60)} min`;
}
