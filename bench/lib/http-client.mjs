// A lean JSON client over keep-alive sockets: the load generator shares two cores with the system under test.
import { Agent, request as httpRequest } from 'node:http';

export class ApiClient {
  constructor(baseUrl, { maxSockets = 64 } = {}) {
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port);
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  /** Resolves { status, body } for any HTTP status; rejects only on a network error. */
  request(method, path, { token, body, headers = {} } = {}) {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: this.host, port: this.port, method, path, agent: this.agent,
          headers: {
            accept: 'application/json',
            ...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...headers,
          },
        },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed = text;
            try {
              parsed = text ? JSON.parse(text) : null;
            } catch {
              /* not JSON */
            }
            resolve({ status: res.statusCode, body: parsed });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  /** Like request, but anything other than the expected status is an error. */
  async expect(status, method, path, options) {
    const res = await this.request(method, path, options);
    if (res.status !== status) throw new Error(`${method} ${path} answered ${res.status} (expected ${status}): ${JSON.stringify(res.body).slice(0, 500)}`);
    return res.body;
  }

  close() {
    this.agent.destroy();
  }
}

/** Runs fn over items with at most `limit` in flight. */
export async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  });
  await Promise.all(workers);
  return results;
}
