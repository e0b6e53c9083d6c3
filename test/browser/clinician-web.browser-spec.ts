/// <reference lib="dom" />
import type { INestApplicationContext } from '@nestjs/common';
import type { Browser, Page } from 'playwright-core';
import { seedDemo } from '../../apps/api/src/cli/demo-seed';
import { launchBrowser, newPage, screenshot } from '../support/browser';
import { eventually, startWorker, TestApp } from '../support/test-app';

/** The clinician web app in Debian's Chromium, against the real api + worker on this file's database. */
describe('clinician web app', () => {
  let ctx: TestApp;
  let worker: INestApplicationContext;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    ctx = await TestApp.start();
    await seedDemo(ctx.app);
    worker = await startWorker(ctx.config);
    await ctx.app.listen(0, '127.0.0.1');
    base = await ctx.app.getUrl();
    browser = await launchBrowser();
    // Let the worker compute every demo patient first, so the screens show real answers.
    await eventually(async () => (await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE done_at IS NULL'))[0].n === 0, 60_000);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await ctx?.stop();
  });

  async function signIn(page: Page, email: string): Promise<void> {
    await page.goto(`${base}/login`);
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill('demo-password-123');
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  /** Fraction of canvas pixels that are not blank: a chart that failed to draw stays at 0. */
  const inkOnCanvas = (page: Page) =>
    page.locator('.chart-box canvas').evaluate((canvas: HTMLCanvasElement) => {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let ink = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) ink++;
      return ink / (data.length / 4);
    });

  it('should let a clinician find a patient, read the timeline and attribution, and record a visit, an intervention and a score', async () => {
    const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
    await signIn(page, 'clinician@demo.test');
    await page.getByRole('heading', { name: 'Patients' }).waitFor();
    await page.getByLabel('Find a patient').fill('Hernández');
    await page.getByRole('link', { name: 'Hernández, Maria' }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 1);
    await screenshot(page, 'clinician-patient-list');

    await page.getByRole('link', { name: 'Hernández, Maria' }).click();
    const chart = page.locator('.chart-wrap');
    await chart.waitFor();
    expect(await chart.getAttribute('data-intervention-markers')).toBe('3');
    expect(await inkOnCanvas(page)).toBeGreaterThan(0.01);
    await page.locator('.freshness.fresh').waitFor();
    const verdict = await page.locator('#verdict').textContent();
    expect(verdict).toMatch(/spine-directed|not yet clear|knee-directed|both|neither/i);
    // The percentage is explained where the clinician reads it: calibrated, with 80 % as the line for a confident answer.
    expect(await page.locator('#probability-meaning').textContent()).toMatch(/validat/);
    await expect(page.locator('table.response-table tbody tr').count()).resolves.toBe(3);
    await screenshot(page, 'clinician-patient-page');
    const computedBefore = await page.locator('section.attribution').getAttribute('data-computed-at');

    await page.getByRole('button', { name: /Hours after root block/ }).click();
    await screenshot(page, 'clinician-zoom-diagnostic-block');

    // A visit whose note tries to run a script is stored and shown as text.
    await page.getByText('Record a visit').click();
    const visitForm = page.getByRole('form', { name: 'Record a visit' });
    await visitForm.getByLabel('Clinic pain (0–10)').selectOption('6');
    await visitForm.getByRole('radiogroup', { name: 'Straight leg raise', exact: true }).getByLabel('Present').check();
    await visitForm.getByLabel('Note').fill('<script>window.__injected = true</script><img src=x onerror="window.__injected=true">');
    await screenshot(page, 'clinician-visit-form');
    await visitForm.getByRole('button', { name: 'Record visit' }).click();
    await page.getByText('<script>window.__injected = true</script>', { exact: false }).first().waitFor();
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();

    await page.getByText('Record an intervention').click();
    const interventionForm = page.getByRole('form', { name: 'Record an intervention' });
    await interventionForm.getByLabel('Intervention').selectOption('oral_nsaid');
    await interventionForm.getByRole('button', { name: 'Record intervention' }).click();
    await eventually(async () => (await page.locator('.chart-wrap').getAttribute('data-intervention-markers')) === '4', 20_000);

    await page.getByText('Record a clinic pain score').click();
    const scoreForm = page.getByRole('form', { name: 'Record a clinic pain score' });
    const pointsBefore = Number(await page.locator('.chart-wrap').getAttribute('data-score-points'));
    await scoreForm.getByLabel('Knee pain right now (0–10)').selectOption('3');
    await scoreForm.getByRole('button', { name: 'Record score' }).click();
    await eventually(async () => Number(await page.locator('.chart-wrap').getAttribute('data-score-points')) === pointsBefore + 1, 20_000);
    await page.locator('.freshness.fresh').waitFor({ timeout: 20_000 });
    expect(Date.parse((await page.locator('section.attribution').getAttribute('data-computed-at'))!)).toBeGreaterThan(Date.parse(computedBefore!));
    expect(await inkOnCanvas(page)).toBeGreaterThan(0.01);
    await screenshot(page, 'clinician-after-recording');
  }, 120_000);

  it('should keep an analyst out of identifiable patient pages', async () => {
    const [patient] = await ctx.db.query<{ id: string }>('SELECT id FROM patient LIMIT 1');
    const page = await newPage(browser, { viewport: { width: 1280, height: 800 } });
    await signIn(page, 'analyst@demo.test');
    await page.waitForURL(/\/analytics$/);
    await page.goto(`${base}/patients/${patient.id}`);
    await page.getByText('open only to clinicians').waitFor();
    expect(await page.locator('canvas').count()).toBe(0);
    await screenshot(page, 'analyst-denied-patient-page');
  }, 60_000);

  it('should let an admin manage users and care teams on a tablet', async () => {
    const page = await newPage(browser, { viewport: { width: 820, height: 1180 } });
    await signIn(page, 'admin@demo.test');
    await page.getByRole('heading', { name: 'Users and care teams' }).waitFor();
    const form = page.getByRole('form', { name: 'Add a care team' });
    await form.getByLabel('Team name').fill('Night clinic');
    await form.getByRole('button', { name: 'Add team' }).click();
    await page.getByText('Night clinic').first().waitFor();
    await screenshot(page, 'admin-users-and-teams');
  }, 60_000);

  it('should send a signed-out visitor to the login page', async () => {
    const page = await newPage(browser);
    await page.goto(`${base}/patients`);
    await page.waitForURL(/\/login/);
    await screenshot(page, 'login');
  });
});
