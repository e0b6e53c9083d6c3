/// <reference lib="dom" />
import type { INestApplicationContext } from '@nestjs/common';
import { AnalyticsRepository } from '@app/persistence';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { seedDemo } from '../../apps/api/src/cli/demo-seed';
import { ARTIFACTS, launchBrowser, newPage, screenshot } from '../support/browser';
import { bearer, eventually, startWorker, TestApp } from '../support/test-app';

const DAY = 86_400_000;
const CHARTS = ['trajectory', 'responder-rates', 'waterfall', 'attributions', 'attributions-by-lean', 'sms-adherence'];

/**
 * The analyst workspace in Chromium on the demo cohort (8 patients: nearly everything is "<11") plus 24
 * generated patients given a knee steroid injection, so some cells are large enough to be drawn.
 */
describe('analyst workspace', () => {
  let ctx: TestApp;
  let worker: INestApplicationContext;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    ctx = await TestApp.start();
    await seedDemo(ctx.app);
    const { token } = await ctx.newClinician();
    const start = Date.now() - 70 * DAY;
    const at = (day: number) => new Date(start + day * DAY + 19 * 3_600_000).toISOString();
    for (let i = 0; i < 24; i++) {
      const { id } = await ctx.newPatient(token, { givenName: `Gen${i}`, familyName: 'Cohort' });
      await request(ctx.http).post(`/api/v1/patients/${id}/interventions`).set(bearer(token)).send({ type: 'knee_corticosteroid_injection', performedAt: at(14), laterality: 'left' }).expect(201);
      const responds = i % 2 === 0;
      const items = [];
      for (let d = 0; d <= 60; d++) if (d !== 14) items.push({ score: d < 14 || !responds ? 7 + ((d + i) % 3) : Math.max(1, 5 - Math.floor(d / 12) + (i % 2)), recordedAt: at(d) });
      await request(ctx.http).post(`/api/v1/patients/${id}/pain-scores/bulk`).set(bearer(token)).send({ items }).expect(201);
    }
    worker = await startWorker(ctx.config, { SMS_PROVIDER: 'none' });
    await ctx.app.listen(0, '127.0.0.1');
    base = await ctx.app.getUrl();
    browser = await launchBrowser();
    await eventually(async () => {
      const [{ n }] = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE done_at IS NULL');
      return n === 0 && (await ctx.app.get(AnalyticsRepository).stalePatients(1)).length === 0;
    }, 90_000);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await ctx?.stop();
  });

  async function signIn(page: Page): Promise<void> {
    await page.goto(`${base}/login`);
    await page.getByLabel('E-mail').fill('analyst@demo.test');
    await page.getByLabel('Password').fill('demo-password-123');
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  /** Share of the chart's pixels that are not background white: a chart that drew nothing stays near 0. */
  const inkOf = (page: Page, chart: string) =>
    page.locator(`[data-chart="${chart}"] canvas`).evaluate((canvas: HTMLCanvasElement) => {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let ink = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && (data[i] < 235 || data[i + 1] < 235 || data[i + 2] < 235)) ink++;
      return ink / (data.length / 4);
    });
  const numbersOf = (page: Page, chart: string) => page.locator(`[data-chart="${chart}"] details table`).evaluate((t) => t.textContent ?? '');

  it('should land an analyst on the dashboard and draw every chart, showing small groups as <11', async () => {
    const page = await newPage(browser, { viewport: { width: 1400, height: 1000 } });
    await signIn(page);
    await page.waitForURL(/\/analytics$/);
    await page.getByRole('heading', { name: 'Cohort analytics' }).waitFor();
    for (const chart of CHARTS) await page.locator(`[data-chart="${chart}"]`).waitFor();
    for (const chart of CHARTS) expect({ chart, ink: (await inkOf(page, chart)) > 0.01 }).toEqual({ chart, ink: true });
    expect(Number(await page.locator('[data-chart="trajectory"]').getAttribute('data-points'))).toBeGreaterThan(30);
    // The 24 generated patients and the demo's own knee steroid patients: one bar each.
    const [{ steroid }] = await ctx.db.query<{ steroid: number }>(`SELECT count(DISTINCT patient_id)::int AS steroid FROM response_assessment WHERE payload->>'type' = 'knee_corticosteroid_injection' AND category <> 'insufficient_data'`);
    expect(Number(await page.locator('[data-chart="waterfall"]').getAttribute('data-points'))).toBe(steroid);
    // The demo's other intervention types have fewer than 11 patients each.
    expect(Number(await page.locator('[data-chart="responder-rates"]').getAttribute('data-suppressed'))).toBeGreaterThan(0);
    expect(await numbersOf(page, 'responder-rates')).toContain('<11');
    expect(await page.locator('body').textContent()).not.toMatch(/Hernández|Cohort, Gen|MRN-/);

    await screenshot(page, 'analyst-dashboard');
    for (const chart of CHARTS) await page.locator(`[data-chart="${chart}"]`).screenshot({ path: join(ARTIFACTS, `analyst-chart-${chart}.png`) });

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-chart="trajectory"]').getByRole('link', { name: 'Download PNG' }).click()]);
    expect(download.suggestedFilename()).toBe('relieftrace-trajectory.png');
    expect(readFileSync(await download.path()).subarray(1, 4).toString()).toBe('PNG');
  }, 90_000);

  it('should put the filters in the URL and redraw the charts for them', async () => {
    const page = await newPage(browser, { viewport: { width: 1400, height: 1000 } });
    await signIn(page);
    await page.locator('[data-chart="trajectory"]').waitFor();
    const before = await numbersOf(page, 'trajectory');
    await page.getByLabel('Intervention type', { exact: true }).selectOption('knee_anesthetic_injection');
    await page.waitForURL(/interventionType=knee_anesthetic_injection/);
    await eventually(async () => (await numbersOf(page, 'trajectory')) !== before, 10_000);
    // The demo has fewer than 11 knee blocks: every day is suppressed, and the page says so.
    expect(await numbersOf(page, 'trajectory')).toContain('<11');
    await screenshot(page, 'analyst-filtered-knee-block');

    // A shared link opens the same view.
    await page.goto(`${base}/analytics?interventionType=knee_corticosteroid_injection&target=knee`);
    await page.locator('[data-chart="trajectory"]').waitFor();
    expect(await page.getByLabel('Intervention type', { exact: true }).inputValue()).toBe('knee_corticosteroid_injection');
    expect(await page.getByLabel('Target', { exact: true }).inputValue()).toBe('knee');
    expect(Number(await page.locator('[data-chart="trajectory"]').getAttribute('data-points'))).toBeGreaterThan(30);
    expect(await inkOf(page, 'trajectory')).toBeGreaterThan(0.01);
    await screenshot(page, 'analyst-filtered-knee-steroid');
  }, 60_000);

  it('should stream the CSV export with a progress indicator', async () => {
    const page = await newPage(browser, { viewport: { width: 1400, height: 1000 } });
    await signIn(page);
    await page.locator('[data-chart="trajectory"]').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download cohort.csv' }).click()]);
    const csv = readFileSync(await download.path(), 'utf8').trim().split('\n');
    expect(csv[0]).toMatch(/^pseudonym,intervention_number,/);
    const [{ n }] = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM intervention');
    expect(csv).toHaveLength(n + 1);
    await page.getByText(`Done: ${n} rows.`).waitFor();
    expect(await page.getByLabel('Download cohort.csv progress').evaluate((p: HTMLProgressElement) => p.value)).toBe(100);
    await screenshot(page, 'analyst-export-done');
  }, 60_000);
});
