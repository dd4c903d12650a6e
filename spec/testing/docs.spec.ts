import { expect } from 'chai';
import { readFileSync } from 'node:fs';

const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('testing: docs/testing.md', () => {
  const doc = read('docs/testing.md');

  for (const file of ['examples/strategies/spread-monitor.ts', 'spec/testing/spread-monitor.marbles.spec.ts']) {
    it(`holds ${file} unchanged, as one code block`, () => {
      expect(doc).to.contain(`\`${file}\``);
      expect(doc.includes(`\`\`\`ts\n${read(file)}\`\`\`\n`), `${file} differs from its copy in docs/testing.md`).to.equal(true);
    });
  }
});
