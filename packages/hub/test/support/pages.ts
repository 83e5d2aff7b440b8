/**
 * For the end-to-end tests of the example pages in Chromium: a page that
 * records what must never happen there (a Content-Security-Policy violation,
 * a console error, an uncaught error), and the text a person sees in an
 * element's shadow root.
 */
import type { Browser, Page } from 'playwright-core';

/** A new page whose CSP violations, console errors and uncaught errors are collected in `problems`. */
export async function watchedPage(
  browser: Browser,
  viewport: { width: number; height: number },
): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective}`));
  });
  return { page, problems };
}

/** The text of an element's shadow root, whitespace collapsed. */
export const shadowText = (page: Page, tag: string): Promise<string> =>
  page.evaluate((name) => document.querySelector(name)?.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '', tag);
