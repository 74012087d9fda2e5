// Saves pictures of the web admin pages (sign-in, keys, settings, error log) for the README.
// Run by packaging/take-screenshots.sh against `gembalance --headless --demo`. Environment:
// GB_BASE_URL, GB_ADMIN_TOKEN, GB_CHROMIUM, GB_OUT (folder).
import puppeteer from 'puppeteer-core';
import path from 'node:path';

const base = process.env.GB_BASE_URL;
const out = process.env.GB_OUT;
const browser = await puppeteer.launch({
  executablePath: process.env.GB_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  pipe: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--no-proxy-server'],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 820 });
  await page.goto(`${base}/`);
  await page.screenshot({ path: path.join(out, 'web-login.png') });
  await page.type('#auth_token', process.env.GB_ADMIN_TOKEN);
  await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
  for (const name of ['keys', 'config', 'logs']) {
    await page.goto(`${base}/${name}`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
    await new Promise((resolve) => setTimeout(resolve, 800));
    await page.screenshot({ path: path.join(out, `web-${name}.png`) });
    console.log(`saved web-${name}.png`);
  }
} finally {
  await browser.close();
}
