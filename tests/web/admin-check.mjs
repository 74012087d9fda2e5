// Drives the web admin pages (/, /keys, /config, /logs) in Debian's headless Chromium
// against a running GemBalance. Run by tests/integration/tst_webadmin.cpp, which starts the
// server with known keys and traffic. Every step prints "ok - ..."; the first failure
// prints "FAIL - ..." and exits 1. Environment:
//   GB_BASE_URL      http://127.0.0.1:PORT
//   GB_ADMIN_TOKEN   the AUTH_TOKEN
//   GB_CHROMIUM      the browser binary (default /usr/bin/chromium)
//   GB_KEYS          the configured keys, comma-separated (to check none leaks unmasked)
//   GB_NEW_KEYS      two keys to add through the page, comma-separated
import puppeteer from 'puppeteer-core';

const base = process.env.GB_BASE_URL;
const token = process.env.GB_ADMIN_TOKEN;
const keys = (process.env.GB_KEYS || '').split(',').filter(Boolean);
const newKeys = (process.env.GB_NEW_KEYS || '').split(',').filter(Boolean);
const STEP_MS = 15000;

const problems = [];  // console errors, page errors, CSP violations
let refusalExpected = false;  // the step that saves an invalid value gets a 400 on purpose
let browser;

function ok(text) { console.log(`ok - ${text}`); currentStep = `after: ${text}`; }
async function fail(text) {
  console.log(`FAIL - during "${currentStep}": ${text}`);
  if (browser) await browser.close().catch(() => {});
  process.exit(1);
}
async function check(condition, text) {
  if (!condition) await fail(text);
  else ok(text);
}

async function text(page, selector) {
  return page.$eval(selector, (n) => n.textContent.trim());
}

async function ready(page) {
  await page.waitForSelector('body[data-ready="true"]', { timeout: STEP_MS });
}

// The key lists and the error log are rebuilt after each action: wait until the page's
// requests are over, and click again if the element was replaced under the click.
async function settle(page) {
  await page.waitForNetworkIdle({ idleTime: 300, timeout: STEP_MS });
}

async function clickStable(page, selector) {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.waitForSelector(selector, { timeout: STEP_MS });
      await page.click(selector);
      return;
    } catch (error) {
      if (attempt >= 5 || !/detached|not clickable|No node found/i.test(String(error))) throw error;
      await settle(page);
    }
  }
}

// The error log page counts its finished loads in body[data-loads].
async function loads(page) {
  return page.$eval('body', (b) => Number(b.dataset.loads || 0));
}
async function loadedAfter(page, before) {
  await page.waitForFunction((n) => Number(document.body.dataset.loads || 0) > n, { timeout: STEP_MS }, before);
}

let currentStep = 'start';

async function clickDialogButton(page, action) {
  await page.waitForSelector(`dialog[open] [data-action="${action}"]`, { timeout: STEP_MS });
  await page.click(`dialog[open] [data-action="${action}"]`);
}

async function waitToast(page, pattern) {
  await page.waitForFunction((source) => [...document.querySelectorAll('#toasts .toast')]
    .some((t) => new RegExp(source).test(t.textContent)), { timeout: STEP_MS }, pattern.source);
}

async function badgeCount(page, section) {
  return Number((await text(page, `${section} [data-count]`)).replace(/\D/g, '') || 0);
}

async function main() {
  if (!base || !token) await fail('GB_BASE_URL and GB_ADMIN_TOKEN are required');
  browser = await puppeteer.launch({
    executablePath: process.env.GB_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    pipe: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--no-default-browser-check',
      '--disable-background-networking', '--disable-component-update', '--no-proxy-server', '--window-size=1280,900'],
    timeout: 30000,
  });
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    if (refusalExpected && /status of 400/.test(msg.text())) return;
    problems.push(`console: ${msg.text()} (${msg.location()?.url || 'no url'})`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.setDefaultTimeout(STEP_MS);

  // ---- sign in ---------------------------------------------------------------------------
  await page.goto(`${base}/keys`, { waitUntil: 'domcontentloaded' });
  await check(new URL(page.url()).pathname === '/', 'a page without a session redirects to the login page');
  await page.type('#auth_token', 'not-the-token');
  await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
  await check((await page.$('.error')) !== null, 'a wrong token shows an error on the login page');
  await page.type('#auth_token', token);
  await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
  await check(new URL(page.url()).pathname === '/keys', 'the right token signs in and lands on /keys');
  const cookies = await browser.cookies();
  await check(!cookies.some((c) => c.value.includes(token)), 'no cookie holds the admin token');

  // ---- /keys ----------------------------------------------------------------------------
  await ready(page);
  const total = Number(await text(page, '#keys-total'));
  await check(total === keys.length, `the key count card shows ${keys.length} keys (shows ${total})`);
  const listed = (await badgeCount(page, '#valid-keys')) + (await badgeCount(page, '#invalid-keys'));
  await check(listed === keys.length, `the valid and invalid lists hold ${keys.length} keys together (${listed})`);
  const calls = Number((await text(page, '[data-calls="calls_1h"]')).replace(/\D/g, ''));
  await check(calls > 0, `the calls card counts the traffic of the last hour (${calls})`);
  await page.waitForFunction(() => Number(document.getElementById('chart').dataset.requests || 0) > 0);
  ok('the trend chart draws the requests');
  let html = await page.content();
  await check(!keys.some((k) => html.includes(k)), 'keys are masked until shown');
  await page.click('#valid-keys [data-reveal]');
  html = await page.content();
  await check(keys.some((k) => html.includes(k)), '"Show" reveals the full keys');
  await page.click('#valid-keys [data-reveal]');

  // Add two keys (and one already there) from pasted text.
  await page.click('#add-keys');
  await page.waitForSelector('#add-keys-text');
  await page.type('#add-keys-text', `new ones: ${newKeys.join(' and ')}, old one: ${keys[0]}`);
  await clickDialogButton(page, 'add');
  await waitToast(page, /Added 2, already there 1/);
  await page.waitForFunction((n) => Number(document.getElementById('keys-total').textContent) === n, {}, keys.length + 2);
  ok('pasted text adds the two new keys and skips the known one');

  // Verify one key from its row.
  await settle(page);
  await clickStable(page, '#valid-keys tbody tr [data-key-action="Verify"]');
  await waitToast(page, /is valid|is invalid/);
  await settle(page);
  ok('verifying one key reports its result');

  // Usage of one key.
  await clickStable(page, '#valid-keys tbody tr [data-key-action="Usage"]');
  await page.waitForFunction(() => document.querySelector('dialog[open] #key-usage, dialog[open] .empty'));
  ok('the usage dialog shows the key\'s calls per model');
  await clickDialogButton(page, 'close');

  // Verify a selection with progress.
  await settle(page);
  await clickStable(page, '#valid-keys tbody tr:nth-child(1) input[type="checkbox"]');
  await clickStable(page, '#valid-keys tbody tr:nth-child(2) input[type="checkbox"]');
  await page.click('#valid-keys [data-batch="verify"]');
  await page.waitForSelector('#verify-progress [data-done="true"]');
  ok('verifying the selected keys runs to the end with progress');
  await clickDialogButton(page, 'close');
  await settle(page);

  // Delete the first added key.
  const before = Number(await text(page, '#keys-total'));
  await page.click('#valid-keys [data-reveal]');
  // The row of the new key, marked so that the click can find it again after a rebuild.
  for (let attempt = 1; ; attempt++) {
    await page.waitForFunction((k) => [...document.querySelectorAll('#valid-keys tbody tr')]
      .some((tr) => tr.textContent.includes(k)), {}, newKeys[0]);
    await page.evaluate((k) => [...document.querySelectorAll('#valid-keys tbody tr')]
      .find((tr) => tr.textContent.includes(k)).setAttribute('data-target', 'yes'), newKeys[0]);
    try {
      await page.click('#valid-keys tbody tr[data-target="yes"] [data-key-action="Delete"]');
      break;
    } catch (error) {
      if (attempt >= 5) throw error;
      await settle(page);
    }
  }
  await clickDialogButton(page, 'confirm');
  await waitToast(page, /Key deleted/);
  await page.waitForFunction((n) => Number(document.getElementById('keys-total').textContent) === n, {}, before - 1);
  ok('deleting a key from its row removes it');

  // Calls in the last hour, per request.
  await settle(page);
  await page.click('#card-1h');
  await page.waitForSelector('dialog[open] #call-details tbody tr');
  ok('the calls card opens the per-request details');
  await clickDialogButton(page, 'close');

  // ---- /config --------------------------------------------------------------------------
  await page.goto(`${base}/config`);
  await ready(page);
  await check((await page.$$('#tabs button')).length >= 5, 'the settings page has a tab per group');
  await page.type('#filter', 'MAX_FAILURES');
  await page.waitForSelector('#setting-MAX_FAILURES');
  await page.$eval('#setting-MAX_FAILURES', (n) => { n.value = ''; });
  await page.type('#setting-MAX_FAILURES', '0');
  refusalExpected = true;
  await page.click('#save');
  await page.waitForFunction(() => document.querySelector('[data-error="MAX_FAILURES"]').textContent.length > 0);
  refusalExpected = false;
  ok('an invalid value is refused and named next to its field');
  await page.$eval('#setting-MAX_FAILURES', (n) => { n.value = ''; });
  await page.type('#setting-MAX_FAILURES', '7');
  await page.click('#save');
  await waitToast(page, /Saved/);
  await page.reload();
  await ready(page);
  await page.type('#filter', 'MAX_FAILURES');
  await page.waitForSelector('#setting-MAX_FAILURES');
  await check(await page.$eval('#setting-MAX_FAILURES', (n) => n.value) === '7', 'a saved setting shows its new value after a reload');
  await check((await text(page, '[data-source="MAX_FAILURES"]')).startsWith('saved'), 'its source shows as saved');
  await page.$eval('#filter', (n) => { n.value = ''; n.dispatchEvent(new Event('input')); });
  await page.click('#tabs button[data-group="api"]');
  await page.waitForSelector('#setting-API_KEYS');
  html = await page.content();
  await check(!keys.some((k) => html.includes(k)), 'secrets stay masked on the settings page');

  // ---- /logs -----------------------------------------------------------------------------
  await page.goto(`${base}/logs`);
  await ready(page);
  const rows = await page.$$('#rows tr[data-id]');
  await check(rows.length > 0, `the error log lists the logged errors (${rows.length})`);
  await clickStable(page, '#rows tr[data-id] [data-details]');
  await page.waitForSelector('dialog[open] #error-details pre[data-field="error_log"]');
  const detail = await text(page, 'dialog[open] pre[data-field="error_log"]');
  await check(detail.length > 0 && !keys.some((k) => detail.includes(k)), 'the details show the upstream answer, keys redacted');
  await clickDialogButton(page, 'close');
  let loadsBefore = await loads(page);
  await page.type('#filters input[name="error_code_search"]', '400');
  await page.click('#filters button[type="submit"]');
  await loadedAfter(page, loadsBefore);
  await check(await page.$$eval('#rows tr[data-id]', (rows) => rows.length > 0
    && rows.every((tr) => tr.children[4].textContent.trim() === '400')), 'the status filter narrows the rows');
  const totalBefore = Number((await text(page, '#total')).replace(/\D/g, ''));
  await page.click('#rows tr[data-id] input[type="checkbox"]');
  await page.waitForSelector('#delete-selected:not([disabled])');
  await page.click('#delete-selected');
  loadsBefore = await loads(page);
  await clickDialogButton(page, 'confirm');
  await loadedAfter(page, loadsBefore);
  const totalAfter = Number((await text(page, '#total')).replace(/\D/g, ''));
  await check(totalAfter === totalBefore - 1, `deleting a selected row removes it (${totalBefore} -> ${totalAfter})`);

  // ---- sign out ---------------------------------------------------------------------------
  await Promise.all([page.waitForNavigation(), page.click('#logout')]);
  await page.goto(`${base}/keys`, { waitUntil: 'domcontentloaded' });
  await check(new URL(page.url()).pathname === '/', 'after signing out the pages need a new sign-in');

  const csp = problems.filter((p) => /Content Security Policy/i.test(p));
  await check(csp.length === 0, `no Content-Security-Policy violation${csp.length ? `: ${csp.join(' | ')}` : ''}`);
  // The wrong-token login answers 302 (no console error); anything else is a page bug.
  await check(problems.length === 0, `no script errors${problems.length ? `: ${problems.join(' | ')}` : ''}`);
  await browser.close();
  console.log('all web admin checks passed');
}

main().catch((error) => fail(error.stack || String(error)));
