import { createTtlCache } from './ttlCache';

describe('ttlCache', () => {
  it('shares one load among concurrent callers and keeps it for the TTL', async () => {
    let now = 0;
    let loads = 0;
    const cache = createTtlCache<number>({ ttlMs: 100, now: () => now });
    const load = (): Promise<number> => Promise.resolve(++loads);
    await expect(Promise.all([cache.getOrLoad('k', load), cache.getOrLoad('k', load)])).resolves.toEqual([1, 1]);
    now = 99;
    await expect(cache.getOrLoad('k', load)).resolves.toBe(1);
    now = 100;
    await expect(cache.getOrLoad('k', load)).resolves.toBe(2);
  });

  it('does not cache failures', async () => {
    const cache = createTtlCache<string>({ ttlMs: 1000 });
    await expect(cache.getOrLoad('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    await expect(cache.getOrLoad('k', () => Promise.resolve('up'))).resolves.toBe('up');
  });

  it('drops the oldest entries beyond its size', async () => {
    let loads = 0;
    const cache = createTtlCache<number>({ ttlMs: 1000, maxEntries: 2 });
    const load = (): Promise<number> => Promise.resolve(++loads);
    await cache.getOrLoad('a', load);
    await cache.getOrLoad('b', load);
    await cache.getOrLoad('c', load);
    await cache.getOrLoad('b', load);
    expect(loads).toBe(3);
    await cache.getOrLoad('a', load);
    expect(loads).toBe(4);
  });
});
