// What a reader of the repository meets: a README a newcomer finishes, docs whose links lead somewhere, and code that
// names the capability it serves rather than a tracker number nobody outside the project can look up.
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, trackedTextFiles } from '../../support/repoFiles';

/** The word issue (or issues), a space and a number, in any case: a tracker reference. An upstream URL is not one. */
const TRACKER_REFERENCE = /\bissues? #?\d+/gi;

function trackerReferences(text: string): string[] {
  const hits: string[] = [];
  text.split('\n').forEach((line, index) => {
    for (const match of line.matchAll(TRACKER_REFERENCE)) hits.push(`${index + 1}: ${match[0]}`);
  });
  return hits;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function headingAnchors(markdown: string): Set<string> {
  const prose = markdown.replace(/```[\s\S]*?```/g, '');
  return new Set([...prose.matchAll(/^#{1,6} (.+)$/gm)].map((match) => anchorOf(match[1]!)));
}

/** Relative links of one Markdown file that lead nowhere: a missing file, or a heading the target does not have. */
function brokenLinks(file: string, markdown: string, read: (file: string) => string | undefined): string[] {
  const broken: string[] = [];
  const prose = markdown.replace(/```[\s\S]*?```/g, '');
  for (const match of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = match[1]!;
    if (/^[a-z]+:/i.test(target)) continue;
    const [pathPart = '', anchor] = target.split('#', 2);
    const targetFile = pathPart ? path.posix.normalize(path.posix.join(path.posix.dirname(file), pathPart)) : file;
    const contents = read(targetFile);
    if (contents === undefined) broken.push(`${target} (no such file)`);
    else if (anchor && targetFile.endsWith('.md') && !headingAnchors(contents).has(anchor))
      broken.push(`${target} (no such heading)`);
  }
  return broken;
}

function readRepoFile(file: string): string | undefined {
  const full = path.join(repoRoot, file);
  if (!fs.existsSync(full)) return undefined;
  return fs.statSync(full).isDirectory() ? '' : fs.readFileSync(full, 'utf8');
}

const docs = (): string[] =>
  fs
    .readdirSync(path.join(repoRoot, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`);

describe('what a reader of the repository meets', () => {
  test('no tracked file names a tracker number where it means a capability', () => {
    const files = trackedTextFiles();
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap(({ file, text }) => trackerReferences(text).map((hit) => `${file}:${hit}`));
    expect(found).toEqual([]);
  });

  test('the README stays a couple of screens', () => {
    const lines = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8').split('\n').length;
    expect(lines).toBeLessThan(200);
  });

  test('the README links every doc in docs/', () => {
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    expect(docs().filter((doc) => !readme.includes(`(${doc})`) && !readme.includes(`(${doc}#`))).toEqual([]);
  });

  test('every relative link in the README, PRIVACY.md and docs/ leads to a file and heading that exist', () => {
    const found = ['README.md', 'PRIVACY.md', ...docs()].flatMap((file) =>
      brokenLinks(file, fs.readFileSync(path.join(repoRoot, file), 'utf8'), readRepoFile).map(
        (link) => `${file}: ${link}`,
      ),
    );
    expect(found).toEqual([]);
  });

  // The checks must be able to fail. Samples are assembled at run time so this file holds none of the shapes it finds.
  const joined = (...parts: string[]): string => parts.join('');
  test.each([
    ['a parenthesised number', joined('// The Candor bot (iss', 'ue 10): its cards')],
    ['two numbers', joined('covers iss', 'ues 4 and 6')],
    ['a capitalised label', joined('/* Iss', 'ue 10: the chat */')],
    ['a hash number', joined('see iss', 'ue #12')],
  ])('finds a tracker reference: %s', (_label, text) => {
    expect(trackerReferences(text)).toHaveLength(1);
  });

  test.each([
    ['an upstream URL', 'https://github.com/Azure/Azurite/issues/1286'],
    ['a pull request in sample text', 'Fixed and merged PR #77 over the weekend'],
    ['the word on its own', "400 naming the field by the zod issue's path"],
  ])('lets %s pass', (_label, text) => {
    expect(trackerReferences(text)).toEqual([]);
  });

  test('finds a link to a missing file and to a missing heading', () => {
    const files: Record<string, string> = { 'docs/a.md': '# A\n\n## Where it lives\n' };
    const read = (file: string): string | undefined => files[file];
    expect(
      brokenLinks(
        'README.md',
        '[a](docs/a.md#where-it-lives) [b](docs/b.md) [c](docs/a.md#gone) [d](https://x.test)',
        read,
      ),
    ).toEqual(['docs/b.md (no such file)', 'docs/a.md#gone (no such heading)']);
  });
});
