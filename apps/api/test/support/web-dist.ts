import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A built SPA in miniature, for WEB_DIST: an index.html loading one script, and the script. */
export function fakeWebDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chat-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html><head><title>chat</title><script type="module" src="/assets/app.js"></script></head><body></body></html>',
  );
  writeFileSync(join(dir, 'assets', 'app.js'), 'document.title = "chat";');
  return dir;
}
