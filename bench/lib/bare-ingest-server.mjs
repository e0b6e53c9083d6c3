#!/usr/bin/env node
// The ingest baseline: node:http + pg, one INSERT into the same pain_score table per request, nothing else —
// no auth, no audit row, no outbox row, no framework. What the real api's POST …/pain-scores is compared with.
// Run as its own process (like the api): DATABASE_URL, PORT, DB_POOL_SIZE (default 10, the api's pool).
import { createServer } from 'node:http';
import { requireFromRoot } from './util.mjs';

const { Pool } = requireFromRoot('pg');
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 10) });
const PATH = /^\/api\/v1\/patients\/([0-9a-f-]{36})\/pain-scores$/;

const send = (res, status, body) => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
};

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/health') return send(res, 200, { status: 'ok' });
  const match = req.method === 'POST' ? PATH.exec(req.url ?? '') : null;
  if (!match) return send(res, 404, { statusCode: 404, error: 'Not Found', message: 'no such route' });
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return send(res, 400, { statusCode: 400, error: 'Bad Request', message: 'body is not JSON' });
    }
    const recordedAt = new Date(body?.recordedAt);
    if (!Number.isInteger(body?.score) || body.score < 0 || body.score > 10 || Number.isNaN(recordedAt.getTime())) {
      return send(res, 400, { statusCode: 400, error: 'Bad Request', message: 'score must be 0–10 and recordedAt a time' });
    }
    try {
      const { rows: [row] } = await pool.query(
        `INSERT INTO pain_score (patient_id, score, recorded_at, source) VALUES ($1, $2, $3, 'api') RETURNING id, received_at`,
        [match[1], body.score, recordedAt],
      );
      send(res, 201, { id: row.id, patientId: match[1], score: body.score, recordedAt: recordedAt.toISOString(), receivedAt: row.received_at.toISOString(), source: 'api' });
    } catch (error) {
      send(res, error.code === '23503' ? 404 : 500, { statusCode: 500, error: 'Internal Server Error', message: 'insert failed' });
    }
  });
});

server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 3999), '127.0.0.1', () => console.log(`bare ingest server listening on ${server.address().port}`));
const stop = () => server.close(() => pool.end().then(() => process.exit(0)));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
