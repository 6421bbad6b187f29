import { describe, expect, it } from 'vitest';
import { foldConnection } from '#core/network/connection-fold';
import { NEW_CONNECTION, type Connection } from '#shared/domain/connection';

const synced: Connection = {
  ...NEW_CONNECTION,
  personId: 'p1',
  kinds: ['worked_with'],
  strength: 2,
  howMet: 'Project Apollo',
  updatedAt: 100,
};

describe('foldConnection', () => {
  it('returns the server version when nothing is pending', () => {
    expect(foldConnection('p1', synced, [])).toEqual(synced);
    expect(foldConnection('p1', null, [])).toBeNull();
  });

  it('re-applies pending patches on top, field by field, in order', () => {
    const folded = foldConnection('p1', { ...synced, howMet: 'Pulled from another device' }, [
      { type: 'connection.put', patch: { strength: 4 }, createdAt: 200 },
      { type: 'connection.put', patch: { strength: 5, since: '2024-01-02' }, createdAt: 300 },
    ]);
    expect(folded).toEqual({
      ...synced,
      howMet: 'Pulled from another device',
      strength: 5,
      since: '2024-01-02',
      updatedAt: 300,
    });
  });

  it('starts a new connection from the defaults', () => {
    expect(
      foldConnection('p2', null, [{ type: 'connection.put', patch: { kinds: ['mentor'] }, createdAt: 5 }]),
    ).toEqual({ ...NEW_CONNECTION, kinds: ['mentor'], personId: 'p2', updatedAt: 5 });
  });

  it('removes on a pending delete and recreates on a later put', () => {
    expect(foldConnection('p1', synced, [{ type: 'connection.delete', createdAt: 1 }])).toBeNull();
    const recreated = foldConnection('p1', synced, [
      { type: 'connection.delete', createdAt: 1 },
      { type: 'connection.put', patch: { strength: 1 }, createdAt: 2 },
    ]);
    expect(recreated).toEqual({ ...NEW_CONNECTION, personId: 'p1', strength: 1, updatedAt: 2 });
  });

  it('keeps a pending edit over a pulled change of the same field', () => {
    const folded = foldConnection('p1', { ...synced, strength: 1 }, [
      { type: 'connection.put', patch: { strength: 4 }, createdAt: 200 },
    ]);
    expect(folded?.strength).toBe(4);
  });

  it('ignores keys set to undefined', () => {
    const folded = foldConnection('p1', synced, [
      { type: 'connection.put', patch: { howMet: undefined, strength: 3 }, createdAt: 9 },
    ]);
    expect(folded?.howMet).toBe('Project Apollo');
  });
});
