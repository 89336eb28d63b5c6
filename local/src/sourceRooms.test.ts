/*
 * The browser code's layout, read from its import graph: the tab's surfaces share only what sits in the shared rooms
 * (ui/, host/, api/), nothing in tab/src or local/ imports itself round in a circle, and the local host page is short
 * modules, one per concern. Here rather than beside the tab: the tab's program has no Node types to read files with.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { cycles, importGraph, sourceFiles } from './importGraph';

const repoRoot = path.resolve(__dirname, '..', '..');
const tabSrc = path.join(repoRoot, 'tab', 'src');
const hostPageSrc = path.join(repoRoot, 'local', 'host-page', 'src');
const localSrc = path.join(repoRoot, 'local', 'src');

/** Folders under tab/src that are one surface each (or the consent flow's pages): none may reach into another. */
const SURFACE_ROOMS = ['board', 'prep', 'status', 'trends', 'config', 'consent'];
/**
 * What every surface may share. `testing/` holds fixtures for unit tests only; `goTo/` is the go-to question tools
 * (library, "ask me this", the organization's exchange), which the board and settings both offer.
 */
const SHARED_ROOMS = ['ui', 'host', 'api', 'testing', 'goTo'];

/** The first folder under tab/src, or '' for a module at its top (the shell: main, App, boot). */
const roomOf = (file: string): string => {
  const parts = path.relative(tabSrc, file).split(path.sep);
  return parts.length > 1 ? parts[0]! : '';
};

describe('the tab’s rooms', () => {
  const graph = importGraph(sourceFiles(tabSrc));
  const edges = [...graph].flatMap(([from, targets]) => targets.map((to) => ({ from, to })));
  const rel = (file: string): string => path.relative(tabSrc, file);

  it('has no import cycle', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('keeps each surface to its own folder and the shared rooms', () => {
    const crossings = edges
      .filter(
        ({ from, to }) =>
          SURFACE_ROOMS.includes(roomOf(from)) && roomOf(to) !== roomOf(from) && !SHARED_ROOMS.includes(roomOf(to)),
      )
      .map(({ from, to }) => `${rel(from)} → ${rel(to)}`);
    expect(crossings).toEqual([]);
  });

  it('keeps the shared rooms free of any surface', () => {
    const reaches = edges
      .filter(({ from, to }) => SHARED_ROOMS.includes(roomOf(from)) && !SHARED_ROOMS.includes(roomOf(to)))
      .map(({ from, to }) => `${rel(from)} → ${rel(to)}`);
    expect(reaches).toEqual([]);
  });

  it('lets only the shell read boot.ts: a surface takes its session from host/session.ts', () => {
    const boot = path.join(tabSrc, 'boot.ts');
    const readers = edges.filter(({ from, to }) => to === boot && roomOf(from) !== '').map(({ from }) => rel(from));
    expect(readers).toEqual([]);
    expect(existsSync(path.join(tabSrc, 'host', 'session.ts'))).toBe(true);
  });

  it('shares the notice, the loading skeleton and the settled-promise hook from ui/', () => {
    const ui = readdirSync(path.join(tabSrc, 'ui'));
    expect(ui).toEqual(expect.arrayContaining(['Notice.tsx', 'BoardSkeleton.tsx', 'useSettled.ts']));
    // Imported by path: an index that re-exported them would drag lazy modules into whichever chunk imports it.
    expect(ui.filter((name) => /^index\.tsx?$/.test(name))).toEqual([]);
  });
});

describe('the local stack and its host page', () => {
  it('has no import cycle', () => {
    expect(cycles(importGraph([...sourceFiles(localSrc), ...sourceFiles(hostPageSrc)]))).toEqual([]);
  });

  it('keeps every host page module short', () => {
    const long = sourceFiles(hostPageSrc)
      .map((file) => ({ file: path.relative(hostPageSrc, file), lines: readFileSync(file, 'utf8').split('\n').length }))
      .filter(({ lines }) => lines > 320);
    expect(long).toEqual([]);
  });
});

describe('comments in the tab and the host page', () => {
  it('speak of capabilities, never of tracker numbers', () => {
    const files = [
      ...sourceFiles(tabSrc),
      ...sourceFiles(path.join(repoRoot, 'tab', 'auth')),
      path.join(repoRoot, 'tab', 'vite.config.ts'),
      ...readdirSync(hostPageSrc).map((name) => path.join(hostPageSrc, name)),
    ];
    const mentions = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (/\bissues?\s*#?\d+/i.test(line) ? [`${path.relative(repoRoot, file)}:${i + 1}`] : [])),
    );
    expect(mentions).toEqual([]);
  });
});
