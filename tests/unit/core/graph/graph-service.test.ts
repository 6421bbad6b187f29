import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listFacets } from '#core/directory/directory.repo';
import { createGraphService } from '#core/graph/graph-service';
import { ME, openGraphFixture } from '../../../support/graph-fixture.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';

type Fixture = Awaited<ReturnType<typeof openGraphFixture>>;

// The smallest valid PNG: a 1×1 transparent pixel.
const PNG_1PX =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const GEXF = '<?xml version="1.0" encoding="UTF-8"?><gexf xmlns="http://gexf.net/1.3" version="1.3"></gexf>';

describe('graph service', () => {
  let f: Fixture;
  let out: Awaited<ReturnType<typeof makeTempDir>>;
  let answer: string | null;
  const asked: string[] = [];
  const service = () =>
    createGraphService({
      db: f.db,
      signedInPersonId: async () => ME,
      orgFacets: () => listFacets(f.db),
      now: () => Date.UTC(2026, 11, 4),
      chooseSaveFile: async (name) => {
        asked.push(name);
        return answer;
      },
    });

  beforeEach(async () => {
    f = await openGraphFixture();
    out = await makeTempDir();
    answer = join(out.path, 'graph.out');
    asked.length = 0;
  });
  afterEach(async () => {
    await f.close();
    await out.remove();
  });

  it('writes an export where the person chose, named for the day and format', async () => {
    expect(await service().saveExport({ format: 'png', data: PNG_1PX })).toEqual({ path: answer });
    expect(asked).toEqual(['kith-network-2026-12-04.png']);
    expect(await readFile(join(out.path, 'graph.out'))).toEqual(Buffer.from(PNG_1PX, 'base64'));
    await service().saveExport({ format: 'gexf', data: GEXF });
    expect(await readFile(join(out.path, 'graph.out'), 'utf8')).toBe(GEXF);
  });

  it('writes nothing when the person cancels', async () => {
    answer = null;
    expect(await service().saveExport({ format: 'gexf', data: GEXF })).toBeNull();
    expect(await readdir(out.path)).toEqual([]);
  });

  it.each([
    ['png', 'PGh0bWw+'], // "<html>" in base64
    ['gexf', '<?xml version="1.0"?><graphml/>'],
    ['graphml', 'not xml at all'],
  ] as const)('refuses a %s export that is not one, before asking where to save', async (format, data) => {
    await expect(service().saveExport({ format, data })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(asked).toEqual([]);
    expect(await readdir(out.path)).toEqual([]);
  });

  it('says so when signed out', async () => {
    const signedOut = createGraphService({
      db: f.db,
      signedInPersonId: async () => null,
      orgFacets: () => listFacets(f.db),
    });
    await expect(signedOut.egoGraph({ depth: 1 })).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(signedOut.saveExport({ format: 'png', data: PNG_1PX })).rejects.toMatchObject({
      code: 'unavailable',
    });
  });

  it('forgets the layout when asked', async () => {
    await service().saveLayout([{ id: 'ann', x: 1, y: 2 }]);
    await service().clearLayout();
    const g = await service().egoGraph({ depth: 1 });
    expect(g.nodes.every((n) => n.position === null)).toBe(true);
  });
});
