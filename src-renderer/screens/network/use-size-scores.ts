/**
 * useSizeScores: what node sizes follow. Degree is cheap and computed here; betweenness runs in the metrics
 * worker with an explicit state, and sizes follow degree until it answers, so the graph never waits blank.
 */
import { useEffect, useMemo, useState } from 'react';
import type { KithGraph } from '../../graph/build-graph.ts';
import type { SizeBy } from '../../graph/graph-controls.ts';
import { computeDegree, toTopologyInput, type NodeScores } from '../../graph/metrics.ts';
import type { MetricsResponse } from '../../graph/metrics.worker.ts';

export type MetricsState = 'done' | 'running' | 'failed';

export interface SizeScores {
  scores: NodeScores;
  state: MetricsState;
  error: string | null;
}

interface Measured {
  graph: KithGraph;
  scores: NodeScores | null;
  error: string | null;
}

export function useSizeScores(graph: KithGraph, sizeBy: SizeBy): SizeScores {
  const degree = useMemo(() => computeDegree(graph), [graph]);
  const [measured, setMeasured] = useState<Measured | null>(null);

  useEffect(() => {
    if (sizeBy !== 'betweenness' || graph.order === 0) return;
    const worker = new Worker(new URL('../../graph/metrics.worker.ts', import.meta.url), {
      type: 'module',
      name: 'kith-metrics',
    });
    worker.onmessage = ({ data }: MessageEvent<MetricsResponse>) => {
      setMeasured(
        data.type === 'done'
          ? { graph, scores: data.scores, error: null }
          : { graph, scores: null, error: data.message },
      );
      worker.terminate();
    };
    worker.onerror = (event) => {
      setMeasured({ graph, scores: null, error: event.message || 'The metrics worker failed' });
      worker.terminate();
    };
    worker.postMessage(toTopologyInput(graph));
    return () => worker.terminate();
  }, [graph, sizeBy]);

  if (sizeBy === 'degree' || graph.order === 0) return { scores: degree, state: 'done', error: null };
  if (measured?.graph !== graph) return { scores: degree, state: 'running', error: null };
  if (measured.scores) return { scores: measured.scores, state: 'done', error: null };
  return { scores: degree, state: 'failed', error: measured.error };
}
