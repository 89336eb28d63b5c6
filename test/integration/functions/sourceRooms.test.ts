/*
 * The API's layout, read from its files and import graph: each folder holds what its name says, nothing imports
 * itself round in a circle (type-only imports included), and the pure domain reaches no SDK.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { cycles, importGraph, sourceFiles } from '@candor/local/importGraph';

const functionsSrc = path.resolve(__dirname, '..', '..', '..', 'functions', 'src');
const rel = (file: string): string => path.relative(functionsSrc, file).split(path.sep).join('/');
const entries = (dir: string): { files: string[]; folders: string[] } => {
  const names = readdirSync(path.join(functionsSrc, dir));
  const isFolder = (name: string): boolean => statSync(path.join(functionsSrc, dir, name)).isDirectory();
  return { files: names.filter((n) => !isFolder(n)).sort(), folders: names.filter(isFolder).sort() };
};
const packagesImportedBy = (file: string): string[] =>
  ts
    .preProcessFile(readFileSync(file, 'utf8'), true, true)
    .importedFiles.map((ref) => ref.fileName)
    .filter((name) => !name.startsWith('.'));

describe('the API’s rooms', () => {
  const files = sourceFiles(functionsSrc);

  it('has no import cycle, type-only imports included', () => {
    expect(cycles(importGraph(files))).toEqual([]);
  });

  it('keeps only the entry point and the route table at the top', () => {
    expect(entries('.').files).toEqual(['app.ts', 'routes.ts']);
  });

  it('keeps http/ to endpoints and the request pipeline', () => {
    expect(entries('http')).toEqual({ files: [], folders: ['handlers', 'pipeline'] });
  });

  it('builds services in composition/ and reads settings in config/, one section per module', () => {
    expect(entries('composition').files).toEqual(
      expect.arrayContaining([
        'index.ts',
        'bot.ts',
        'boards.ts',
        'statusRequests.ts',
        'digest.ts',
        'trends.ts',
        'privacy.ts',
      ]),
    );
    expect(entries('config').files).toEqual(
      expect.arrayContaining([
        'index.ts',
        'env.ts',
        'auth.ts',
        'storage.ts',
        'graph.ts',
        'statusRequests.ts',
        'digest.ts',
        'trends.ts',
        'bot.ts',
        'privacy.ts',
        'rateLimit.ts',
      ]),
    );
  });

  it('reads no variable in config/index.ts: it only gathers the sections and their problems', () => {
    const index = readFileSync(path.join(functionsSrc, 'config', 'index.ts'), 'utf8');
    expect(index).not.toMatch(/\b[A-Z][A-Z0-9]*(_[A-Z0-9]+)+\b\s*:/);
    expect(index).not.toMatch(/z\.object\(/);
  });

  it('names each settings section after what it holds: the digest’s and the trends’ settings are not the status requests’', () => {
    const statusRequests = readFileSync(path.join(functionsSrc, 'config', 'statusRequests.ts'), 'utf8');
    expect(statusRequests).not.toMatch(/DIGEST_SCHEDULE|TRENDS_DAILY_SCHEDULE|TRENDS_TAB_URL/);
  });

  it('wires in composition/ only, one capability per file: the status requests build neither the digest’s claims nor the calendar load', () => {
    const statusRequests = readFileSync(path.join(functionsSrc, 'composition', 'statusRequests.ts'), 'utf8');
    expect(statusRequests).not.toMatch(/digestClaim|DigestClaim|calendarLoad|CalendarLoad/);
    const wiringOutside = files
      .filter((file) => !rel(file).startsWith('composition/') && !file.endsWith('.test.ts'))
      .filter((file) =>
        /export function create\w+Services\b|export function \w+Stores\(/.test(readFileSync(file, 'utf8')),
      )
      .map(rel);
    expect(wiringOutside).toEqual([]);
  });

  it('reads the environment’s common shapes once, in config/env.ts', () => {
    // The blank-means-absent reading and the NCRONTAB shape were each written out per settings file.
    const copies = files
      .filter((file) => !file.endsWith('.test.ts') && rel(file) !== 'config/env.ts')
      .filter((file) => {
        const text = readFileSync(file, 'utf8');
        const readsEnvironment = /\benv\[|envSchema|process\.env/i.test(text);
        return readsEnvironment && /trim\(\) [!=]== ''|\^\\S\+\( \\S\+\)\{5\}\$/.test(text);
      })
      .map(rel);
    expect(copies).toEqual([]);
  });

  it('keeps the Teams SDK out of the pure domain and contract', () => {
    const reaches = files
      .filter((file) => /^(domain|contract)\//.test(rel(file)) && !file.endsWith('.test.ts'))
      .flatMap((file) =>
        packagesImportedBy(file)
          .filter((name) => name.startsWith('@microsoft/') || name.startsWith('@azure/'))
          .map((name) => `${rel(file)} → ${name}`),
      );
    expect(reaches).toEqual([]);
  });

  it('wires the bot without reading services that are not built yet', () => {
    const bot = readFileSync(path.join(functionsSrc, 'composition', 'bot.ts'), 'utf8');
    expect(bot).not.toMatch(/services\(\)/);
  });
});
