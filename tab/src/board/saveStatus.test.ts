import { OFFLINE_KEPT_LABEL, summarizeSave, type FieldStatus } from './saveStatus';

const f = (status: FieldStatus, error: string | null = null) => ({ status, error });

describe('summarizeSave', () => {
  it('is quiet before anything was typed', () => {
    expect(summarizeSave([f('idle'), f('idle')], 'online')).toEqual({ kind: 'idle', label: '' });
  });
  it('says Saved once the server has everything', () => {
    expect(summarizeSave([f('idle'), f('saved')], 'online').label).toBe('Saved');
  });
  it('says Saving… while typing or saving', () => {
    expect(summarizeSave([f('saved'), f('pending')], 'online').label).toBe('Saving…');
    expect(summarizeSave([f('saving')], 'online').label).toBe('Saving…');
  });
  it('puts offline first', () => {
    expect(summarizeSave([f('saving'), f('offline'), f('error', 'x')], 'offline').label).toBe(OFFLINE_KEPT_LABEL);
  });
  it('names a refused save', () => {
    expect(summarizeSave([f('saved'), f('error', 'must be at most 4000 characters')], 'online')).toEqual({
      kind: 'error',
      label: 'Not saved: must be at most 4000 characters',
    });
    expect(summarizeSave([f('retrying', 'HTTP 503')], 'online').kind).toBe('error');
  });
  it('mentions a lost connection even with nothing to save', () => {
    expect(summarizeSave([f('saved')], 'offline').kind).toBe('offline');
  });
});
