/**
 * Checks the generated API reference for broken internal links: every relative `href`/`src` in
 * its HTML pages must name a file of the site, and a `#fragment` (also on a link within the
 * page) an id on the page it points to.
 * TypeDoc itself validates `{@link}`s and relative paths in the markdown it reads; this checks
 * what it wrote.
 *
 *   npx tsx scripts/check-api-links.ts [DIR]   DIR defaults to dist/api; exit 1 on broken links
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** A link that does not resolve: the page it is on and the link as written. */
export interface BrokenLink {
  readonly page: string;
  readonly link: string;
}

const ATTRIBUTE = /\s(?:href|src)\s*=\s*"([^"]*)"/gi;
const ID = /\s(?:id|name)\s*=\s*"([^"]*)"/gi;
/** Any URL with a scheme (http:, mailto:, data:, …) or protocol-relative: not a file of the site. */
const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return htmlFiles(file);
    return entry.name.endsWith('.html') ? [file] : [];
  });
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Every broken relative link of the HTML pages under `root`. */
export function brokenLinks(root: string): BrokenLink[] {
  const ids = new Map<string, Set<string>>();
  const idsOf = (file: string): Set<string> => {
    let found = ids.get(file);
    if (!found) {
      found = new Set([...readFileSync(file, 'utf8').matchAll(ID)].map((m) => unescapeHtml(m[1] ?? '')));
      ids.set(file, found);
    }
    return found;
  };
  const broken: BrokenLink[] = [];
  for (const page of htmlFiles(root)) {
    const html = readFileSync(page, 'utf8');
    for (const match of html.matchAll(ATTRIBUTE)) {
      const link = unescapeHtml(match[1] ?? '');
      if (link === '' || link === '#' || EXTERNAL.test(link)) continue;
      const [target = '', fragment] = link.split('#', 2);
      let file = target === '' ? page : path.resolve(path.dirname(page), decode(target.split('?', 1)[0] ?? ''));
      if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
      const ok =
        existsSync(file) &&
        statSync(file).isFile() &&
        (!fragment || !/\.(html|svg)$/.test(file) || idsOf(file).has(decode(fragment)));
      if (!ok) broken.push({ page: path.relative(root, page), link });
    }
  }
  return broken;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = process.argv[2] ?? 'dist/api';
  if (!existsSync(path.join(root, 'index.html'))) {
    console.error(`${root}/index.html not found: build the API reference first (npx typedoc)`);
    process.exit(1);
  }
  const broken = brokenLinks(root);
  for (const { page, link } of broken) console.error(`${page}: broken link ${link}`);
  if (broken.length) {
    console.error(`${broken.length} broken link(s) in ${root}`);
    process.exit(1);
  }
  console.log(`${root}: every relative link resolves`);
}
