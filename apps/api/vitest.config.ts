import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [swc.vite({ jsc: { transform: { decoratorMetadata: true, legacyDecorator: true } } })],
  test: { include: ['src/**/*.spec.ts'], testTimeout: 30_000, pool: 'forks' },
});
