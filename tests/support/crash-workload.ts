import type { ConnectionFields, ConnectionKind } from '#shared/domain/connection';
import { createRng } from '#server/demo/prng';

/** One local write of the crash workload; write i is the client's mutation i + 1. */
export type PlannedWrite =
  | { type: 'put'; personId: string; patch: Pick<ConnectionFields, 'kinds' | 'strength' | 'howMet'> }
  | { type: 'delete'; personId: string }
  /** Note number `note`, new or edited: each is one note.put, so its server rev counts them. */
  | { type: 'note'; note: number; personId: string; body: string; edit: boolean };

export const NOTES_PASSPHRASE = 'a passphrase only the crash test knows';

/** The start of note k's body, whatever its version: how a restarted child finds the note again. */
export const notePrefix = (note: number) => `crash note ${note}:`;

export interface ExpectedNote {
  personId: string;
  body: string;
  /** note.put mutations made for it: its server revision, if each was applied exactly once. */
  puts: number;
}

const KINDS: readonly ConnectionKind[] = ['worked_with', 'mentor', 'mentee', 'reference', 'met_at_event'];

/**
 * The writes a crash-test client makes, the same for the parent and every child: write i depends only on
 * the seed and the writes before it. A delete comes only where the connection exists, so each write is one
 * mutation; so is each note write, since every version of a note differs. Every put names all the fields the test checks, so the final values are known whatever order
 * the server learned of the deletes in.
 */
export function createWorkload(seed: number, people: readonly string[], withNotes: boolean) {
  const rng = createRng(seed);
  const writes: PlannedWrite[] = [];
  const live = new Set<string>();
  const notes: { personId: string; versions: number }[] = [];

  function next(n: number): PlannedWrite {
    const roll = rng.next();
    if (withNotes && roll < 0.3) {
      if (notes.length > 0 && roll < 0.18) {
        const note = rng.int(0, notes.length - 1);
        const entry = notes[note]!;
        const version = ++entry.versions;
        return {
          type: 'note',
          note,
          personId: entry.personId,
          body: `${notePrefix(note)} version ${version} (write ${n})`,
          edit: true,
        };
      }
      const personId = rng.pick(people);
      notes.push({ personId, versions: 1 });
      const note = notes.length - 1;
      return {
        type: 'note',
        note,
        personId,
        body: `${notePrefix(note)} version 1 (write ${n})`,
        edit: false,
      };
    }
    const personId = rng.pick(people);
    if (live.has(personId) && rng.chance(0.15)) {
      live.delete(personId);
      return { type: 'delete', personId };
    }
    live.add(personId);
    return {
      type: 'put',
      personId,
      patch: { kinds: [rng.pick(KINDS)], strength: rng.int(1, 5), howMet: `write ${n}` },
    };
  }

  function write(i: number): PlannedWrite {
    while (writes.length <= i) writes.push(next(writes.length));
    return writes[i]!;
  }

  return {
    write,
    /** Each person's connection after the first `count` writes: its last put or delete. */
    expected(count: number) {
      const out = new Map<string, PlannedWrite>();
      for (let i = 0; i < count; i++) {
        const w = write(i);
        if (w.type !== 'note') out.set(w.personId, w);
      }
      return out;
    },
    /** Each note made in the first `count` writes, by number. */
    expectedNotes(count: number) {
      const out = new Map<number, ExpectedNote>();
      for (let i = 0; i < count; i++) {
        const w = write(i);
        if (w.type !== 'note') continue;
        out.set(w.note, { personId: w.personId, body: w.body, puts: (out.get(w.note)?.puts ?? 0) + 1 });
      }
      return out;
    },
  };
}

/** What the parent tells a child, as JSON in KITH_CRASH_CHILD. */
export interface ChildPlan {
  /** notes-before-setup: writes notes on the device only, then sets up their encryption. */
  mode: 'work' | 'finish' | 'notes-before-setup';
  dataDir: string;
  serverUrl: string;
  token: string;
  seed: number;
  /** The people the workload writes connections to. */
  people: string[];
  /** The index of the first write to make (the number already committed). */
  from: number;
  /** Notes too (after setting up their encryption), besides connections. */
  withNotes: boolean;
  /** Seeds this run's pacing. */
  runSeed: number;
  /** Die (SIGKILL itself) at the nth request of this kind, `delayMs` after the hook point. */
  dieAt?: { step: DieStep; nth: number; delayMs: number };
}

/**
 * push-sent: while a push is in flight (the server may or may not have applied it);
 * push-acked: the server's reply is in, the outbox not yet settled;
 * pull-received: a pull page with changes arrived and is being parsed and applied;
 * notes-key-saved: setting up notes encryption kept the key in the keychain, and nothing after that.
 */
export type DieStep = 'push-sent' | 'push-acked' | 'pull-received' | 'notes-key-saved';
