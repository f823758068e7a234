import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit tests of the pure UI helpers only (formatting, CSV, URL state); the rendered app is
// tested in a real browser by test/browser.
export default defineConfig({
  test: { root: fileURLToPath(new URL('.', import.meta.url)), include: ['src/**/*.spec.ts'], environment: 'node' },
});
