import type { MigrationTable } from '#shared/node/migrate';
import * as createPeople from './0010-create-people.ts';
import * as createTokens from './0020-create-tokens.ts';
import * as createServerMeta from './0030-create-server-meta.ts';
import * as addDatasetId from './0040-add-dataset-id.ts';
import * as createConnections from './0050-create-connections.ts';
import * as createNotes from './0060-create-notes.ts';
import * as addKeepInTouch from './0070-add-keep-in-touch.ts';
import * as createUnappliedMutations from './0080-create-unapplied-mutations.ts';
import * as createCommunities from './0090-create-communities.ts';
import * as addDirectoryProvisioning from './0100-add-directory-provisioning.ts';
import * as createSessions from './0110-create-sessions.ts';
import * as addScimResources from './0120-add-scim-resources.ts';

/** Every server migration, in order; a new one is one new line here. */
export const serverMigrations: MigrationTable = {
  '0010-create-people': createPeople,
  '0020-create-tokens': createTokens,
  '0030-create-server-meta': createServerMeta,
  '0040-add-dataset-id': addDatasetId,
  '0050-create-connections': createConnections,
  '0060-create-notes': createNotes,
  '0070-add-keep-in-touch': addKeepInTouch,
  '0080-create-unapplied-mutations': createUnappliedMutations,
  '0090-create-communities': createCommunities,
  '0100-add-directory-provisioning': addDirectoryProvisioning,
  '0110-create-sessions': createSessions,
  '0120-add-scim-resources': addScimResources,
};
