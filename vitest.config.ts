import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  // graphql 16 ships CJS (main) and ESM (module); Node loads the CJS one for Pothos and yoga, so the
  // tests must too, or two realms of graphql meet and `isObjectType` fails.
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // test/gateway/fuzz.test.ts collects garbage before it measures what the gateway kept.
    execArgv: ['--expose-gc'],
  },
});
