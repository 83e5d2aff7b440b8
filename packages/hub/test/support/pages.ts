/**
 * For the end-to-end tests of the example pages in Chromium: a page that
 * records what must never happen there (a Content-Security-Policy violation,
 * a console error, an uncaught error), and the text a person sees in an
 * element's shadow root.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Every axe finding on the page at every impact level (critical, serious,
 * moderate and minor), across open shadow roots, as `rule (impact): target`.
 * Best-practice rules count: the demos are what vendors copy.
 */
export async function axeFindings(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which a page's Content-Security-Policy does not govern.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe;
    interface AxeResults {
      violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[];
    }
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return results.violations.flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id} (${violation.impact ?? 'no impact'}): ${JSON.stringify(node.target)}`),
    );
  });
}

/** How far the page's content runs past the viewport's right edge, in CSS pixels (0 when it fits). */
export const horizontalOverflow = (page: Page): Promise<number> =>
  page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth));
