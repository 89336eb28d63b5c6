import { benchTexts } from './guardBench';

describe('the status guard benchmark’s texts', () => {
  const sources = ['Finished the hiring plan.', 'I feel good about the team.', 'Migration is halfway.', 'Need advice.'];

  it('are 2,000 characters each, varied, and the same on every run', () => {
    const texts = benchTexts(sources, 20);
    expect(texts.every((t) => t.length === 2000)).toBe(true);
    expect(new Set(texts).size).toBe(20);
    expect(benchTexts(sources, 20)).toEqual(texts);
  });
});
