import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium, as .ci/run installs it; CHROMIUM_PATH overrides for other machines. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((candidate) => candidate && fs.existsSync(candidate));
  if (!found) throw new Error("Chromium not found: install Debian's chromium package or set CHROMIUM_PATH.");
  return found;
}

/**
 * Headless Chromium with the flags that keep it off the network and quick to start.
 * playwright gives every launch a fresh, temporary user-data-dir of its own.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Screenshots go to test-results/ (git-ignored) so a person can look at what the test saw. */
export function screenshotPath(name: string): string {
  const dir = path.resolve(__dirname, '..', '..', 'test-results');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}
