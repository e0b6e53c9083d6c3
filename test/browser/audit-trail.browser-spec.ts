/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import request from 'supertest';
import { launchBrowser, newPage, screenshot } from '../support/browser';
import { ADMIN, bearer, TestApp } from '../support/test-app';

/** The admin's audit trail page in Chromium: filters, escaped cells, and the CSV export of the same filters. */
describe('audit trail page', () => {
  let ctx: TestApp;
  let browser: Browser;
  let base: string;
  let patientId: string;

  beforeAll(async () => {
    ctx = await TestApp.start();
    const clinician = await ctx.newClinician();
    patientId = (await ctx.newPatient(clinician.token)).id;
    await request(ctx.http).get(`/api/v1/patients/${patientId}`).set(bearer(clinician.token)).expect(200);
    await ctx.db.query(`INSERT INTO audit_log (actor_kind, action, resource_type, resource_id, patient_id) VALUES ('system', 'test.xss', 'thing', '<img src=x onerror="document.title=1">', $1)`, [patientId]);
    await ctx.app.listen(0, '127.0.0.1');
    base = await ctx.app.getUrl();
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await ctx?.stop();
  });

  it('should filter by patient, show markup as text and export the same rows', async () => {
    const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
    await page.goto(`${base}/login`);
    await page.getByLabel('E-mail').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The unfiltered first page answers slowly, after the admin has already asked for one patient's rows.
    let unfilteredAnswered!: () => void;
    const unfilteredDone = new Promise<void>((resolve) => (unfilteredAnswered = resolve));
    await page.route((url) => url.pathname === '/api/v1/audit' && !url.searchParams.has('patientId'), async (route) => {
      const response = await route.fetch();
      await new Promise((r) => setTimeout(r, 1500));
      await route.fulfill({ response });
      unfilteredAnswered();
    });
    await page.getByRole('link', { name: 'Audit trail' }).click();
    await page.getByRole('heading', { name: 'Audit trail' }).waitFor();

    await page.getByLabel('Patient id').fill(patientId);
    await page.getByRole('button', { name: 'Show' }).click();
    await unfilteredDone;
    // The late unfiltered answer is dropped: the table shows the patient's rows only.
    const expected = ['test.xss', 'patient.read', 'patient.create'];
    await page
      .waitForFunction((want) => [...document.querySelectorAll('tbody tr td:nth-child(3)')].map((td) => td.textContent).join('|') === want, expected.join('|'), { timeout: 10_000 })
      .catch(() => undefined);
    await new Promise((r) => setTimeout(r, 300));
    const actions = await page.locator('tbody tr td:nth-child(3)').allTextContents();
    expect(actions).toEqual(expected);
    await page.getByText('<img src=x onerror="document.title=1">', { exact: false }).waitFor();
    expect(await page.locator('tbody img').count()).toBe(0);
    expect(await page.title()).toBe('Audit trail — ReliefTrace');

    const href = await page.getByRole('link', { name: 'Export these rows as CSV' }).getAttribute('href');
    expect(href).toBe(`/api/v1/audit/export.csv?patientId=${patientId}`);
    const csv = await page.evaluate(async (url) => (await fetch(url, { credentials: 'same-origin' })).text(), href!);
    expect(csv.split('\n')[0]).toMatch(/^id,occurredAt,actorUserId/);
    expect(csv).toContain('patient.read');
    await screenshot(page, 'admin-audit-trail');
  }, 60_000);
});
