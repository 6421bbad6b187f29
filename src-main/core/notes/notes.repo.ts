import { sql, type Kysely, type Selectable, type SelectQueryBuilder } from 'kysely';
import {
  NOTE_EXCERPT_MAX,
  type Interaction,
  type Note,
  type NoteExcerpt,
  type NoteFields,
  type NotePayload,
  type NoteWithPerson,
} from '#shared/domain/note';
import type { PersonSummary } from '#shared/domain/person';
import type { ReadDb, WriteDb } from '#shared/node/open-database';
import type { LocalDb, NotesTable } from '../store/local-db.ts';
import { toFtsWords } from '../directory/fts-query.ts';

type NoteRow = Selectable<NotesTable>;

const NOTE_COLUMNS_BUT_BODY = [
  'n.pk',
  'n.id',
  'n.person_id',
  'n.tags',
  'n.tag_keys',
  'n.pinned',
  'n.follow_up_at',
  'n.created_at',
  'n.updated_at',
  'n.rev',
  'n.conflict_of',
  'n.interaction_type',
  'n.interaction_on',
] as const;
const NOTE_COLUMNS = [...NOTE_COLUMNS_BUT_BODY, 'n.body'] as const;

function fromNoteRow(row: NoteRow): Note {
  return {
    id: row.id,
    personId: row.person_id,
    body: row.body,
    tags: JSON.parse(row.tags) as string[],
    pinned: row.pinned === 1,
    followUpAt: row.follow_up_at,
    interaction:
      row.interaction_type !== null && row.interaction_on !== null
        ? { type: row.interaction_type as Interaction['type'], on: row.interaction_on }
        : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    conflictOf: row.conflict_of,
  };
}

function toNoteColumns(fields: NoteFields) {
  return {
    person_id: fields.personId,
    body: fields.body,
    tags: JSON.stringify(fields.tags),
    tag_keys: JSON.stringify(fields.tags.map((t) => t.toLowerCase())),
    pinned: fields.pinned ? (1 as const) : (0 as const),
    follow_up_at: fields.followUpAt,
    interaction_type: fields.interaction?.type ?? null,
    interaction_on: fields.interaction?.on ?? null,
  };
}

/** Notes can outlive their subject in the directory (a colleague left): they are still listed, under the id. */
function formerColleague(personId: string): PersonSummary {
  return {
    id: personId,
    name: 'No longer in the directory',
    title: '',
    department: '',
    location: '',
    active: false,
  };
}

/** Notes with the person they are about; a LEFT JOIN, so notes about people gone from the directory stay. */
function selectNotesWithPeople(db: ReadDb<LocalDb>) {
  return db
    .selectFrom('notes as n')
    .leftJoin('people as p', 'p.id', 'n.person_id')
    .select(NOTE_COLUMNS)
    .select([
      'p.name as p_name',
      'p.title as p_title',
      'p.department as p_department',
      'p.location as p_location',
      'p.active as p_active',
    ]);
}

type NoteWithPersonRow = NoteRow & {
  p_name: string | null;
  p_title: string | null;
  p_department: string | null;
  p_location: string | null;
  p_active: number | null;
};

function fromNoteWithPersonRow(row: NoteWithPersonRow): NoteWithPerson {
  const note = fromNoteRow(row);
  const person =
    row.p_name === null
      ? formerColleague(row.person_id)
      : {
          id: row.person_id,
          name: row.p_name,
          title: row.p_title ?? '',
          department: row.p_department ?? '',
          location: row.p_location ?? '',
          active: row.p_active === 1,
        };
  return { note, person };
}

export async function findNote(db: ReadDb<LocalDb>, id: string): Promise<Note | null> {
  const row = await db
    .selectFrom('notes as n')
    .select(NOTE_COLUMNS)
    .where('n.id', '=', id)
    .executeTakeFirst();
  return row ? fromNoteRow(row) : null;
}

/** Pinned first, then the most recently edited. */
export async function listNotesForPerson(db: ReadDb<LocalDb>, personId: string): Promise<Note[]> {
  const rows = await db
    .selectFrom('notes as n')
    .select(NOTE_COLUMNS)
    .where('n.person_id', '=', personId)
    .orderBy('n.pinned', 'desc')
    .orderBy('n.updated_at', 'desc')
    .orderBy('n.pk', 'desc')
    .execute();
  return rows.map(fromNoteRow);
}

export interface NoteSearch {
  text: string;
  tag?: string | undefined;
  limit: number;
}

/** Every typed word a prefix over body and tags, ranked by bm25 then newest; no word: every note, newest first. */
/** Raw SQL for FTS5: it takes the full handle. */
export async function searchNotes(
  db: Kysely<LocalDb>,
  { text, tag, limit }: NoteSearch,
): Promise<NoteWithPerson[]> {
  const words = toFtsWords(text);
  let query = selectNotesWithPeople(db);
  if (tag !== undefined) {
    const key = tag.trim().toLowerCase();
    query = query.where(
      sql<boolean>`exists (select 1 from json_each(n.tag_keys) where json_each.value = ${key})`,
    );
  }
  if (words) {
    const probe = await sql<{ n: number }>`select count(*) as n from (select 1 from notes_fts
      where notes_fts match ${words.query} limit ${RANKED_NOTES_MAX + 1})`.execute(db);
    if ((probe.rows[0]?.n ?? 0) > RANKED_NOTES_MAX) {
      // Too broad to rank every match: the newest matches, read from the index newest first.
      const tagCondition =
        tag === undefined
          ? sql``
          : sql`and exists (select 1 from json_each(n.tag_keys)
        where json_each.value = ${tag.trim().toLowerCase()})`;
      const newest = await sql<{ pk: number }>`select notes_fts.rowid as pk from notes_fts
        cross join notes n on n.pk = notes_fts.rowid
        where notes_fts match ${words.query} ${tagCondition}
        order by notes_fts.rowid desc limit ${limit}`.execute(db);
      const pks = newest.rows.map((r) => r.pk);
      if (pks.length === 0) return [];
      const rows = await query.where('n.pk', 'in', pks).orderBy('n.pk', 'desc').execute();
      return rows.map(fromNoteWithPersonRow);
    }
    const matches = sql<{ pk: number; rank: number }>`(select rowid as pk, bm25(notes_fts) as rank
      from notes_fts where notes_fts match ${words.query})`.as('m');
    query = query.innerJoin(matches, 'm.pk', 'n.pk').orderBy('m.rank');
  }
  const rows = await query.orderBy('n.updated_at', 'desc').orderBy('n.pk', 'desc').limit(limit).execute();
  return rows.map(fromNoteWithPersonRow);
}

/**
 * Up to this many matches are ranked by bm25; a broader query ("pl" in ten thousand notes) lists the
 * newest matches instead: scoring every match would cost tens of milliseconds.
 */
export const RANKED_NOTES_MAX = 500;

/** Each tag once (spelt as most notes spell it), with how many notes carry it: most used first. */
export async function listNoteTags(db: ReadDb<LocalDb>): Promise<{ value: string; count: number }[]> {
  const rows = await db
    .selectFrom(sql<{ value: string }>`notes n, json_each(n.tags)`.as('t'))
    .select(['t.value', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('t.value')
    .execute();
  const byKey = new Map<string, { count: number; spellings: Map<string, number> }>();
  for (const { value, count } of rows) {
    const key = value.toLowerCase();
    const entry = byKey.get(key) ?? { count: 0, spellings: new Map() };
    entry.count += count;
    entry.spellings.set(value, count);
    byKey.set(key, entry);
  }
  return [...byKey]
    .map(([key, { count, spellings }]) => ({
      value: [...spellings].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? key,
      count,
    }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

/** Days from `from` (null: any day before) to `to`, both included, as YYYY-MM-DD. */
export interface DayRange {
  from: string | null;
  to: string;
}

/** Notes with a follow-up in `range`, soonest first: the first `limit`, each with the start of its body only. */
export async function listNoteFollowUps(
  db: ReadDb<LocalDb>,
  range: DayRange,
  limit: number,
): Promise<{ note: NoteExcerpt; person: PersonSummary }[]> {
  const rows = await whereFollowUpIn(
    db
      .selectFrom('notes as n')
      .leftJoin('people as p', 'p.id', 'n.person_id')
      .select(NOTE_COLUMNS_BUT_BODY)
      .select([
        sql<string>`substr(n.body, 1, ${NOTE_EXCERPT_MAX})`.as('excerpt'),
        'p.name as p_name',
        'p.title as p_title',
        'p.department as p_department',
        'p.location as p_location',
        'p.active as p_active',
      ]),
    range,
  )
    .orderBy('n.follow_up_at')
    .orderBy('n.pinned', 'desc')
    .orderBy('n.updated_at', 'desc')
    .orderBy('n.pk', 'desc')
    .limit(limit)
    .execute();
  return rows.map(({ excerpt, ...row }) => {
    const { note, person } = fromNoteWithPersonRow({ ...row, body: '' });
    const { body: _body, ...rest } = note;
    return { note: { ...rest, excerpt }, person };
  });
}

/** How many notes have a follow-up in `range`. */
export async function countNoteFollowUps(db: ReadDb<LocalDb>, range: DayRange): Promise<number> {
  const row = await whereFollowUpIn(
    db.selectFrom('notes as n').select((eb) => eb.fn.countAll<number>().as('n')),
    range,
  ).executeTakeFirstOrThrow();
  return Number(row.n);
}

function whereFollowUpIn<QB extends SelectQueryBuilder<LocalDb & { n: NotesTable }, 'n', object>>(
  query: QB,
  { from, to }: DayRange,
): QB {
  const bounded = query.where('n.follow_up_at', 'is not', null).where('n.follow_up_at', '<=', to) as QB;
  return from === null ? bounded : (bounded.where('n.follow_up_at', '>=', from) as QB);
}

/** The note with the server revision its text descends from (0: never synced). */
export async function findNoteRecord(
  db: ReadDb<LocalDb>,
  id: string,
): Promise<{ note: Note; rev: number } | null> {
  const row = await db
    .selectFrom('notes as n')
    .select(NOTE_COLUMNS)
    .where('n.id', '=', id)
    .executeTakeFirst();
  return row ? { note: fromNoteRow(row), rev: row.rev } : null;
}

export async function insertNote(
  db: WriteDb<LocalDb>,
  note: { id: string; fields: NoteFields; at: number; conflictOf?: string | null },
): Promise<void> {
  await db
    .insertInto('notes')
    .values({
      id: note.id,
      ...toNoteColumns(note.fields),
      created_at: note.at,
      updated_at: note.at,
      conflict_of: note.conflictOf ?? null,
    })
    .execute();
}

/** Writes the server's version of a note (decrypted) over whatever this device showed. */
export async function putNoteFromServer(db: WriteDb<LocalDb>, id: string, payload: NotePayload, rev: number) {
  const row = {
    ...toNoteColumns(payload),
    created_at: payload.createdAt,
    updated_at: payload.updatedAt,
    conflict_of: payload.conflictOf,
    rev,
  };
  await db
    .insertInto('notes')
    .values({ id, ...row })
    .onConflict((oc) => oc.column('id').doUpdateSet(row))
    .execute();
}

/** Which server revision the note's text is based on (0: one the server does not have). */
export async function setNoteRev(db: WriteDb<LocalDb>, ids: readonly string[], rev: number) {
  if (ids.length) await db.updateTable('notes').set({ rev }).where('id', 'in', ids).execute();
}

export async function setNoteConflictOf(
  db: WriteDb<LocalDb>,
  id: string,
  conflictOf: string | null,
  at: number,
) {
  await db
    .updateTable('notes')
    .set({ conflict_of: conflictOf, updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function updateNote(
  db: WriteDb<LocalDb>,
  id: string,
  fields: NoteFields,
  at: number,
): Promise<void> {
  await db
    .updateTable('notes')
    .set({ ...toNoteColumns(fields), updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function deleteNote(db: WriteDb<LocalDb>, id: string): Promise<boolean> {
  const result = await db.deleteFrom('notes').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function countNotes(db: ReadDb<LocalDb>): Promise<number> {
  const row = await db
    .selectFrom('notes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Sign-out and account switches: the next person to sign in here must not see these. */
export async function deleteAllNotes(db: WriteDb<LocalDb>): Promise<void> {
  await db.deleteFrom('notes').execute();
  await db.deleteFrom('notes_synced').execute();
}
