/**
 * Who must hear that the change sequence moved: everyone connected (org data, shared connections) or only
 * these people (personal data, a private community's rows). Plain data, so a fan-out across server
 * processes (PostgreSQL LISTEN/NOTIFY) can carry it as JSON and publish it into each process's hub.
 */
export interface ChangeNotice {
  /** The head of the change sequence once the change committed. */
  cursor: number;
  everyone: boolean;
  personIds: readonly string[];
}

export interface ChangeSubscriber {
  /** Called synchronously from publish: keep it cheap (the SSE stream only arms a timer). */
  changed(cursor: number): void;
  /** The hub is closing (server shutdown): end the stream; resolves once it has ended. */
  closed(): Promise<void>;
}

export interface ChangeHub {
  /** Registers one open stream of a person; returns its unsubscribe. */
  subscribe(personId: string, subscriber: ChangeSubscriber): () => void;
  publish(notice: ChangeNotice): void;
  /** Tells every subscriber to end, and refuses new ones; resolves once they all have. */
  close(): Promise<void>;
  /** How many streams are open. */
  readonly size: number;
}

/** The in-process fan-out from committed writes to the SSE streams of the people whose view changed. */
export function createChangeHub(): ChangeHub {
  const byPerson = new Map<string, Set<ChangeSubscriber>>();
  let size = 0;
  let closed = false;

  return {
    subscribe(personId, subscriber) {
      if (closed) {
        queueMicrotask(() => void subscriber.closed());
        return () => {};
      }
      let own = byPerson.get(personId);
      if (!own) byPerson.set(personId, (own = new Set()));
      own.add(subscriber);
      size++;
      return () => {
        if (!own.delete(subscriber)) return;
        size--;
        if (own.size === 0 && byPerson.get(personId) === own) byPerson.delete(personId);
      };
    },
    publish({ cursor, everyone, personIds }) {
      if (everyone) {
        for (const own of byPerson.values()) for (const s of own) s.changed(cursor);
        return;
      }
      for (const id of new Set(personIds)) for (const s of byPerson.get(id) ?? []) s.changed(cursor);
    },
    async close() {
      closed = true;
      const all = [...byPerson.values()].flatMap((own) => [...own]);
      byPerson.clear();
      size = 0;
      await Promise.all(all.map((s) => s.closed()));
    },
    get size() {
      return size;
    },
  };
}
