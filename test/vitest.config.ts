import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [swc.vite({ jsc: { transform: { decoratorMetadata: true, legacyDecorator: true } } })],
  test: { include: ['**/*.spec.ts'], exclude: ['node_modules/**'], testTimeout: 30_000, pool: 'forks' },
});
