import { defineConfig } from 'vitest/config';

/**
 * `npm run test:unit`: stage tests that need no external tool (no EPUBCheck, poppler, Chromium
 * or Java) and no bundle, so they run in seconds while working. `npm test` runs everything.
 */
export default defineConfig({
  test: {
    include: [
      'test/structure/structure.test.ts',
      'test/structure/typography.test.ts',
      'test/extract/rules.test.ts',
      'test/extract/readability.test.ts',
      'test/extract/linkedom-patch.test.ts',
      'test/hostile/read.test.ts',
      'test/hostile/parse-limits.test.ts',
      'test/epub/cover.test.ts',
      'test/epub/cover-scripts.test.ts',
      'test/epub/front-matter.test.ts',
      'test/epub/png.test.ts',
      'test/pdf/flow.test.ts',
      'test/pdf/knuth-plass.test.ts',
      'test/pdf/set.test.ts',
      'test/pdf/tex-breaking.test.ts',
      'test/serve/server.test.ts',
      'test/build/api.test.ts',
    ],
    testTimeout: 60_000,
  },
});
