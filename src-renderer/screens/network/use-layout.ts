/**
 * useLayout: lays out a graph in the layout worker with an explicit state (idle | running | done | failed).
 * A new graph (or seed) cancels the run in flight; unmounting disposes the worker. StrictMode's double
 * effects only cost a cancelled run. While a new run goes, the previous positions stay, so the view does
 * not jump; nodes they lack fall back to their cached position (appearance.ts).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { KithGraph } from '../../graph/build-graph.ts';
import { createLayoutClient, LayoutCancelledError } from '../../graph/layout-client.ts';
import { toLayoutInput, type LayoutInput } from '../../graph/layout.ts';

export type LayoutState = 'idle' | 'running' | 'done' | 'failed';

export type LayoutPositions = Readonly<Record<string, { x: number; y: number }>>;

export interface UseLayoutOptions {
  seed?: number;
  /** Node sizes as drawn (appearance.ts), so noverlap keeps the discs apart. */
  sizes?: Readonly<Record<string, number>>;
}

export interface UseLayout {
  state: LayoutState;
  /** The last finished layout (kept while the next one runs); null before the first. */
  positions: LayoutPositions | null;
  /** Iterations so far (running) or in all (done). */
  iterations: number;
  /** Whether the last finished layout converged (false: it hit the iteration cap). */
  converged: boolean;
  error: string | null;
  /** Lays the graph out again from scratch, ignoring cached positions. */
  rerun: () => void;
}

interface Request {
  graph: KithGraph;
  fresh: number;
  seed: number | undefined;
  sizes: Readonly<Record<string, number>> | undefined;
}

/** What the worker last reported, and for which request: state for another request is stale. */
interface Report {
  request: Request | null;
  state: 'running' | 'done' | 'failed';
  positions: LayoutPositions | null;
  iterations: number;
  converged: boolean;
  error: string | null;
}

const NOTHING: Report = {
  request: null,
  state: 'running',
  positions: null,
  iterations: 0,
  converged: false,
  error: null,
};

function withoutPositions(input: LayoutInput): LayoutInput {
  return { ...input, nodes: input.nodes.map(({ id, size }) => (size === undefined ? { id } : { id, size })) };
}

/** The positions of every node when each has one, else null. */
function savedPositions(input: LayoutInput): LayoutPositions | null {
  const positions: Record<string, { x: number; y: number }> = {};
  for (const { id, x, y } of input.nodes) {
    if (x === undefined || y === undefined) return null;
    positions[id] = { x, y };
  }
  return positions;
}

/** Pass a memoised graph: each new graph object starts a new layout. */
export function useLayout(graph: KithGraph | null, options: UseLayoutOptions = {}): UseLayout {
  const { seed, sizes } = options;
  // 0: start from cached positions; n > 0: the n-th "lay out again".
  const [fresh, setFresh] = useState(0);
  const [report, setReport] = useState<Report>(NOTHING);
  const request = useMemo<Request | null>(
    () => (graph && graph.order > 0 ? { graph, fresh, seed, sizes } : null),
    [graph, fresh, seed, sizes],
  );

  const input = useMemo(() => (request ? toLayoutInput(request.graph, request.sizes) : null), [request]);
  // Every node where the last layout left it: reopening draws at once, nothing moves, no worker runs.
  const cached = useMemo(
    () => (request && input && request.fresh === 0 ? savedPositions(input) : null),
    [request, input],
  );

  useEffect(() => {
    if (!request || !input || cached) return;
    const client = createLayoutClient();
    const job = client.run(
      request.fresh > 0 ? withoutPositions(input) : input,
      request.seed === undefined ? {} : { seed: request.seed },
      ({ iterations }) => setReport((previous) => ({ ...previous, request, state: 'running', iterations })),
    );
    job.result.then(
      (result) =>
        setReport({
          request,
          state: 'done',
          positions: result.positions,
          iterations: result.iterations,
          converged: result.converged,
          error: null,
        }),
      (error: unknown) => {
        if (error instanceof LayoutCancelledError) return;
        const message = error instanceof Error ? error.message : String(error);
        setReport((previous) => ({ ...previous, request, state: 'failed', error: message }));
      },
    );
    return () => {
      job.cancel();
      client.dispose();
    };
  }, [request, input, cached]);

  const rerun = useCallback(() => setFresh((n) => n + 1), []);
  if (cached) {
    return { state: 'done', positions: cached, iterations: 0, converged: true, error: null, rerun };
  }
  const current = request !== null && report.request === request;
  return {
    state: request === null ? 'idle' : current ? report.state : 'running',
    positions: report.positions,
    iterations: current ? report.iterations : 0,
    converged: current ? report.converged : false,
    error: current ? report.error : null,
    rerun,
  };
}
