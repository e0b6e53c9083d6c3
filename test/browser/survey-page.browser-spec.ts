/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, screenshot } from '../support/browser';
import { MINUTE, SmsDiaryContext } from '../e2e/sms-diary.helpers';

/**
 * The patient's survey page on a small phone, as the patient gets it: an intervention is recorded, the worker texts
 * the +30 min prompt through the console provider, and the link from that text is opened in Chromium.
 */
describe('SMS survey page on a phone', () => {
  let diary: SmsDiaryContext;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    diary = await SmsDiaryContext.start({ CLINIC_NAME: 'Lakeside Pain Clinic' });
    await diary.startWorker();
    await diary.ctx.app.listen(0, '127.0.0.1');
    base = await diary.ctx.app.getUrl();
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await diary?.stop();
  });

  async function textedLink(): Promise<{ url: string; patientId: string }> {
    diary.setNow('2026-12-01T15:00:00Z');
    const patient = await diary.newPatient({ timezone: 'America/New_York' });
    await diary.recordIntervention(patient.id, { type: 'knee_anesthetic_injection', performedAt: diary.now().toISOString() });
    diary.advance(30 * MINUTE);
    await diary.sendDue(patient.id);
    return { url: `${base}/s/${await diary.latestLink(patient.phone)}`, patientId: patient.id };
  }

  it.each([
    ['with JavaScript', true, 'survey'],
    ['without JavaScript', false, 'survey-nojs'],
  ])('lets a patient tap a score at 375 px wide and see the confirmation (%s)', async (_, javaScriptEnabled, name) => {
    const { url, patientId } = await textedLink();
    const page = await newPage(browser, { viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, javaScriptEnabled });
    const cspViolations: string[] = [];
    page.on('console', (m) => m.type() === 'error' && cspViolations.push(m.text()));
    await page.goto(url);

    await expectVisible(page.getByRole('heading', { name: 'How is your knee pain right now?' }));
    await expectVisible(page.getByText('Lakeside Pain Clinic').first());
    await expectVisible(page.getByRole('button', { name: '0, No pain' }));
    await expectVisible(page.getByRole('button', { name: '10, Worst pain imaginable' }));
    // Large targets, and nothing wider than the phone.
    const box = await page.getByRole('button', { name: '7', exact: true }).boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, `${name}-form`);

    await page.getByRole('button', { name: '7', exact: true }).focus();
    await screenshot(page, `${name}-focus`);
    await page.getByRole('button', { name: '7', exact: true }).tap();
    await expectVisible(page.getByRole('heading', { name: 'Thank you — your answer is saved.' }));
    await expectVisible(page.getByText('You chose 7 out of 10.'));
    await screenshot(page, `${name}-confirmation`);

    expect((await diary.scores(patientId)).map((s) => [s.score, s.source])).toEqual([[7, 'sms_link']]);
    expect(cspViolations.filter((m) => /Content Security Policy/i.test(m))).toEqual([]);
    await page.context().close();
  }, 60_000);
});

async function expectVisible(locator: { isVisible(): Promise<boolean>; waitFor(o: { state: 'visible'; timeout: number }): Promise<void> }): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout: 10_000 });
  expect(await locator.isVisible()).toBe(true);
}
