// The load generator: a clinician's client posting pain scores with an Idempotency-Key, retrying on 503 and on
// connection errors with backoff and jitter as a real client would, and remembering every acknowledgement.
import { ApiClient } from '../../../bench/lib/http-client.mjs';
import { sleep } from './services.mjs';

const RETRY_STATUSES = new Set([502, 503, 504]);

export class ScoreLoad {
  constructor({ baseUrl, token, patients, rng, clients, maxScores, runId, giveUpMs = 90_000 }) {
    this.api = new ApiClient(baseUrl, { maxSockets: clients * 2 });
    Object.assign(this, { token, patients, rng, clients, maxScores, runId, giveUpMs });
    this.stopped = false;
    this.next = 0;
    this.acked = new Map(); // idempotency key → { id, patientId, recordedAt }
    this.stats = { requests: 0, status: new Map(), networkErrors: 0, serverErrors: [], bad503Bodies: [], rejected: [], abandoned: 0 };
    // Scores describe the past, one minute apart, so every logical score is unique by (patient, moment).
    this.base = Date.now() - 30 * 24 * 3600_000;
  }

  start() {
    this.running = Promise.all(Array.from({ length: this.clients }, () => this.client()));
    return this;
  }

  async stop() {
    this.stopped = true;
    await this.running;
    this.api.close();
  }

  async client() {
    while (!this.stopped && this.next < this.maxScores) {
      const n = this.next++;
      await this.post(n);
    }
  }

  async post(n) {
    const patientId = this.patients[n % this.patients.length];
    const body = { score: Math.floor(this.rng() * 11), recordedAt: new Date(this.base + n * 60_000).toISOString() };
    const key = `${this.runId}-${n}`;
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      let res;
      try {
        this.stats.requests++;
        res = await this.api.request('POST', `/api/v1/patients/${patientId}/pain-scores`, { token: this.token, body, headers: { 'idempotency-key': key } });
      } catch {
        this.stats.networkErrors++;
        res = null;
      }
      if (res) {
        this.stats.status.set(res.status, (this.stats.status.get(res.status) ?? 0) + 1);
        if (res.status === 201) {
          this.acked.set(key, { id: res.body.id, patientId, recordedAt: body.recordedAt });
          return;
        }
        if (res.status === 503) {
          if (!isPlainError(res.body)) this.stats.bad503Bodies.push(res.body);
        } else if (res.status >= 500) {
          this.stats.serverErrors.push({ status: res.status, body: res.body });
        } else {
          this.stats.rejected.push({ status: res.status, body: res.body });
          return;
        }
        if (!RETRY_STATUSES.has(res.status) && res.status < 500) return;
      }
      if (Date.now() - started > this.giveUpMs) {
        this.stats.abandoned++;
        return;
      }
      await sleep(Math.min(2_000, 100 * 2 ** Math.min(attempt - 1, 5)) * (0.5 + this.rng() / 2));
    }
  }
}

/** The product's error shape and nothing else: no stack, no SQL. */
export function isPlainError(body) {
  return body && typeof body === 'object' && Object.keys(body).sort().join(',') === 'error,message,statusCode' && !/\n\s+at |SELECT|INSERT/.test(body.message);
}
