/**
 * Debian's Chromium for the tests that need a browser (never a downloaded one): where it is, whether it is there —
 * outside CI a test without it is skipped, in CI its absence is a failure — and a launch with the flags all of them
 * use (no sandbox: tests run as root in a container; nothing that reaches for the network on its own).
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** Throws in CI when Chromium is missing (call at a test file's top level); elsewhere tests skip without it. */
export function requireChromiumInCi(): void {
  if (process.env.CI && !hasChromium) throw new Error(`CI needs Debian's Chromium at ${CHROMIUM} (apt-get install chromium fonts-noto-cjk)`);
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
