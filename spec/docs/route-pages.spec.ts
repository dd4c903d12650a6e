// The route reference pages (docs/routes/*.md) and the route table of docs/routes.md are generated
// by scripts/generate-route-docs.ts; these specs fail when the checked-in files are not current.
import { expect } from 'chai';
import { generateRouteDocs, routeDocProblems, ROUTE_PAGES_DIR, ROUTES_INDEX } from '../../scripts/generate-route-docs.js';
import { ROUTE_NOTES } from '../../scripts/route-docs/route-notes.js';
import { STREAM_ROUTES } from '../../lib/endpoints/routes/index.js';

describe('route reference pages (docs/routes/)', () => {
  let files: Map<string, string>;

  before(() => {
    files = generateRouteDocs();
  });

  it('are current: no page differs from a fresh generation, none is missing, none is extra', () => {
    const problems = routeDocProblems(files);
    expect(problems, `Route docs are out of date (run npm run docs:routes):\n  ${problems.join('\n  ')}\n`).to.deep.equal([]);
  });

  it('has one page per route of STREAM_ROUTES, plus the index', () => {
    const pages = [...files.keys()].filter((f) => f !== ROUTES_INDEX).sort();
    expect(pages).to.have.length(Object.keys(STREAM_ROUTES).length);
    expect(pages).to.include(`${ROUTE_PAGES_DIR}/markets-depth-updates.md`);
    for (const name of Object.keys(STREAM_ROUTES)) {
      expect(files.get(ROUTES_INDEX)).to.include(`[\`${name}\`](routes/`);
    }
  });

  it('is deterministic', () => {
    expect([...generateRouteDocs().entries()]).to.deep.equal([...files.entries()]);
  });

  it('refuses a route without notes, and notes for an unknown route', () => {
    const { trades: _trades, ...withoutTrades } = ROUTE_NOTES;
    expect(() => generateRouteDocs({ notes: withoutTrades })).to.throw(/no notes for route\(s\) trades/);
    const extra = { ...ROUTE_NOTES, tradez: ROUTE_NOTES.trades } as typeof ROUTE_NOTES;
    expect(() => generateRouteDocs({ notes: extra })).to.throw(/unknown route\(s\) tradez/);
  });

  it('refuses an index without its marker comments', () => {
    expect(() => generateRouteDocs({ index: '# Routes\n' })).to.throw(/marker comments/);
  });
});
