import type { MigrationTable } from '#shared/node/migrate';
import * as m0010 from './0010-create-people.ts';
import * as m0020 from './0020-create-sync-state.ts';
import * as m0030 from './0030-add-name-search.ts';
import * as m0040 from './0040-create-connections.ts';
import * as m0050 from './0050-create-notes.ts';
import * as m0060 from './0060-sync-notes.ts';
import * as m0070 from './0070-add-keep-in-touch.ts';
import * as m0080 from './0080-skip-unchanged-people-fts.ts';
import * as m0090 from './0090-create-communities.ts';
import * as m0100 from './0100-create-graph-layout.ts';
import * as m0110 from './0110-create-notified-items.ts';
import * as m0120 from './0120-index-posts-seq.ts';
import * as m0130 from './0130-add-managed-by-directory.ts';

/** Every local schema version, in order. Add a line here for each new migration file. */
export const localMigrations: MigrationTable = {
  '0010-create-people': m0010,
  '0020-create-sync-state': m0020,
  '0030-add-name-search': m0030,
  '0040-create-connections': m0040,
  '0050-create-notes': m0050,
  '0060-sync-notes': m0060,
  '0070-add-keep-in-touch': m0070,
  '0080-skip-unchanged-people-fts': m0080,
  '0090-create-communities': m0090,
  '0100-create-graph-layout': m0100,
  '0110-create-notified-items': m0110,
  '0120-index-posts-seq': m0120,
  '0130-add-managed-by-directory': m0130,
};
