import type { Kysely } from 'kysely';
import type {
  GraphExportFormat,
  SaveGraphExportInput,
  SavedFile,
  SaveLayoutInput,
} from '#shared/domain/graph';
import type { DirectoryFacets } from '#shared/domain/directory';
import { EgoGraphQuery, type EgoGraph } from '#shared/domain/graph';
import { KithError } from '#shared/errors';
import type { ContractHandlers } from '#shared/ipc/contract';
import { writeFileAtomic } from '#shared/node/write-file-atomic';
import type { LocalDb } from '../store/local-db.ts';
import { extractEgoGraph } from './ego-graph.repo.ts';
import { clearLayout, saveLayout } from './graph-layout.repo.ts';
import { findNetworkInsights } from './insights.repo.ts';
import { findIntroductions } from './introductions.ts';

export interface GraphServiceOptions {
  db: Kysely<LocalDb>;
  signedInPersonId: () => Promise<string | null>;
  /** The org's size by department and site: the directory's facet counts, cached until the data changes. */
  orgFacets: () => Promise<Pick<DirectoryFacets, 'departments' | 'locations'>>;
  /** Asks where to save an export (a save dialog in the app); null when the person cancels. */
  chooseSaveFile?: (suggestedName: string, format: GraphExportFormat) => Promise<string | null>;
  now?: () => number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The network graph, its paths and insights, all read from the local cache; works offline. */
export function createGraphService({
  db,
  signedInPersonId,
  orgFacets,
  chooseSaveFile,
  now = Date.now,
}: GraphServiceOptions) {
  async function me(): Promise<string> {
    const id = await signedInPersonId();
    if (!id) throw new KithError('unauthorized', 'Sign in to see your network');
    return id;
  }

  return {
    egoGraph: async (query: EgoGraphQuery): Promise<EgoGraph> =>
      extractEgoGraph(db, await me(), EgoGraphQuery.parse(query).depth),
    introductions: async (personId: string) => findIntroductions(db, await me(), personId),
    insights: async () => findNetworkInsights(db, await me(), await orgFacets()),
    saveLayout: (positions: SaveLayoutInput['positions']) => saveLayout(db, positions),
    clearLayout: () => clearLayout(db),

    async saveExport({ format, data }: SaveGraphExportInput): Promise<SavedFile> {
      const bytes = decodeExport(format, data);
      if (!chooseSaveFile) throw new KithError('unavailable', 'This window cannot save files');
      const day = new Date(now()).toISOString().slice(0, 10);
      const path = await chooseSaveFile(`kith-network-${day}.${format}`, format);
      if (!path) return null;
      await writeFileAtomic(path, bytes);
      return { path };
    },
  };
}
export type GraphService = ReturnType<typeof createGraphService>;

export const graphHandlers = (graph: GraphService): ContractHandlers['graph'] => ({
  egoGraph: (query) => graph.egoGraph(query),
  async saveLayout({ positions }) {
    await graph.saveLayout(positions);
    return {};
  },
  async clearLayout() {
    await graph.clearLayout();
    return {};
  },
  introductions: ({ personId }) => graph.introductions(personId),
  insights: () => graph.insights(),
  saveExport: (input) => graph.saveExport(input),
});

/** Checks an export is what it says it is before anything is written. */
function decodeExport(format: GraphExportFormat, data: string): Buffer {
  if (format === 'png') {
    const bytes = Buffer.from(data, 'base64');
    if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE))
      throw new KithError('invalid_input', 'The PNG export is not a PNG image');
    return bytes;
  }
  const root = format === 'gexf' ? '<gexf' : '<graphml';
  if (!data.trimStart().startsWith('<?xml') || !data.includes(root))
    throw new KithError(
      'invalid_input',
      `The ${format.toUpperCase()} export is not a ${format.toUpperCase()} document`,
    );
  return Buffer.from(data, 'utf8');
}
