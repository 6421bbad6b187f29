/**
 * The metrics web worker (a module worker): betweenness, O(nodes × edges), off the main thread. One request
 * per worker; the hook terminates it when the graph changes first.
 */
import { computeBetweenness, type NodeScores, type TopologyInput } from './metrics.ts';

export type MetricsResponse = { type: 'done'; scores: NodeScores } | { type: 'failed'; message: string };

/** The slice of DedicatedWorkerGlobalScope used here (the renderer's lib has DOM types, not WebWorker ones). */
interface MetricsWorkerScope {
  onmessage: ((event: MessageEvent<TopologyInput>) => void) | null;
  postMessage(message: MetricsResponse): void;
}

const scope = self as unknown as MetricsWorkerScope;

scope.onmessage = ({ data }) => {
  try {
    scope.postMessage({ type: 'done', scores: computeBetweenness(data) });
  } catch (error) {
    scope.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
};
