import { Worker } from 'node:worker_threads';
import { forceCenter, forceLink, forceManyBody, forceSimulation, type SimulationNodeDatum } from 'd3-force';
import { runLayout, type LayoutInput } from '../src-renderer/graph/layout.ts';
import { createMulberry32 } from '../src-renderer/graph/prng.ts';
import { report } from './support/results.ts';
import { round } from './support/stats.ts';

/**
 * The network screen's layout (ForceAtlas2 to convergence, then noverlap) on a generated org graph, side by
 * side with d3-force run to its alpha minimum on the same graph; each in its own worker_thread, as the app
 * runs its layout in a web worker. Quality: mean edge length / mean distance between random pairs (lower:
 * linked people sit closer together than strangers), so a faster layout cannot win by doing nothing.
 */

export interface GeneratedGraph {
  input: LayoutInput;
  /** Node id → its department: the planted community structure. */
  department: Record<string, number>;
}

/**
 * An org-like graph: departments of uneven size, a reporting tree inside each (connected), the remaining
 * edges 85% within a department (mostly within a team of ~8) and 15% across: distinct, seeded.
 */
export function generateOrgGraph({ nodes, edges, seed }: { nodes: number; edges: number; seed: number }) {
  const random = createMulberry32(seed);
  const departments = Math.max(2, Math.round(Math.sqrt(nodes) / 3));
  const weights = Array.from({ length: departments }, () => 0.3 + random());
  const total = weights.reduce((a, b) => a + b, 0);
  const members: number[][] = weights.map(() => []);
  const department: Record<string, number> = {};
  for (let i = 0; i < nodes; i++) {
    let r = random() * total;
    let d = 0;
    while (d < departments - 1 && (r -= weights[d]!) > 0) d++;
    members[d]!.push(i);
    department[`n${i}`] = d;
  }
  const seen = new Set<string>();
  const list: LayoutInput['edges'] = [];
  const add = (a: number, b: number) => {
    if (a === b) return false;
    const key = a < b ? `${a}-${b}` : `${b}-${a}`;
    if (seen.has(key)) return false;
    seen.add(key);
    list.push([`n${a}`, `n${b}`, 1 + Math.floor(random() * 5)]);
    return true;
  };
  // Reporting trees: each person's manager is someone earlier in their department, teams of about 8.
  for (const group of members) {
    for (let k = 1; k < group.length; k++) add(group[k]!, group[Math.floor((k - 1) / 8)]!);
  }
  // Departments join through their heads, so the whole org is one component.
  for (let d = 1; d < departments; d++)
    if (members[d]![0] !== undefined) add(members[d]![0]!, members[0]![0]!);
  const all = members.flat();
  while (list.length < edges) {
    const group = members[Math.floor(random() * departments)]!;
    if (group.length < 2) continue;
    const k = Math.floor(random() * group.length);
    const a = group[k]!;
    const r = random();
    if (r < 0.55) {
      const team = Math.floor(k / 8) * 8;
      add(a, group[Math.min(group.length - 1, team + Math.floor(random() * 8))]!);
    } else if (r < 0.85) add(a, group[Math.floor(random() * group.length)]!);
    else add(a, all[Math.floor(random() * all.length)]!);
  }
  const input: LayoutInput = {
    nodes: Array.from({ length: nodes }, (_, i) => ({ id: `n${i}`, size: 4 })),
    edges: list,
  };
  return { input, department } satisfies GeneratedGraph;
}

/** Mean edge length / mean distance of random pairs (sampled, seeded). */
export function layoutQuality(
  input: LayoutInput,
  positions: Record<string, { x: number; y: number }>,
  seed = 7,
) {
  const distance = (a: string, b: string) => {
    const p = positions[a]!;
    const q = positions[b]!;
    return Math.hypot(p.x - q.x, p.y - q.y);
  };
  let edgeTotal = 0;
  for (const [a, b] of input.edges) edgeTotal += distance(a, b);
  const random = createMulberry32(seed);
  const samples = 20_000;
  let pairTotal = 0;
  for (let i = 0; i < samples; i++) {
    const a = input.nodes[Math.floor(random() * input.nodes.length)]!.id;
    const b = input.nodes[Math.floor(random() * input.nodes.length)]!.id;
    pairTotal += distance(a, b);
  }
  return edgeTotal / input.edges.length / (pairTotal / samples);
}

export interface LayoutJobResult {
  ms: number;
  iterations: number;
  converged: boolean;
  positions: Record<string, { x: number; y: number }>;
}

/** ForceAtlas2 + noverlap, as the layout worker runs it. */
export function runForceAtlas2Job(input: LayoutInput, seed: number): LayoutJobResult {
  const started = performance.now();
  const result = runLayout(input, { seed });
  return {
    ms: performance.now() - started,
    iterations: result.iterations,
    converged: result.converged,
    positions: result.positions,
  };
}

/** d3-force with many-body, link and center forces, ticked until alpha falls under alphaMin. */
export function runD3ForceJob(input: LayoutInput): LayoutJobResult {
  const started = performance.now();
  type D3Node = SimulationNodeDatum & { id: string };
  const nodes: D3Node[] = input.nodes.map((node) => ({ id: node.id }));
  const links = input.edges.map(([source, target]) => ({ source, target }));
  const simulation = forceSimulation(nodes)
    .force('charge', forceManyBody())
    .force(
      'link',
      forceLink<D3Node, { source: string | D3Node; target: string | D3Node }>(links).id((node) => node.id),
    )
    .force('center', forceCenter())
    .stop();
  let iterations = 0;
  while (simulation.alpha() >= simulation.alphaMin()) {
    simulation.tick();
    iterations++;
  }
  const positions: Record<string, { x: number; y: number }> = {};
  for (const node of nodes) positions[node.id] = { x: node.x ?? 0, y: node.y ?? 0 };
  return { ms: performance.now() - started, iterations, converged: true, positions };
}

/**
 * Runs one job in a fresh worker_thread (an ES module worker). On Node 20 a worker does not get tsx's loader
 * hooks from execArgv, so it loads this file through tsx's tsImport.
 */
function inWorker(job: 'fa2' | 'd3', input: LayoutInput, seed: number): Promise<LayoutJobResult> {
  const code = `
    import { parentPort, workerData } from 'node:worker_threads';
    const { tsImport } = await import(workerData.tsx);
    const bench = await tsImport(workerData.module, workerData.module);
    const { job, input, seed } = workerData;
    parentPort.postMessage(job === 'fa2' ? bench.runForceAtlas2Job(input, seed) : bench.runD3ForceJob(input));`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), {
      workerData: { module: import.meta.url, tsx: import.meta.resolve('tsx/esm/api'), job, input, seed },
    });
    worker.once('message', (result: LayoutJobResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (exitCode) => reject(new Error(`layout worker exited with ${exitCode}`)));
  });
}

export async function benchGraphLayout({
  nodes,
  edges,
  seed,
}: {
  nodes: number;
  edges: number;
  seed: number;
}) {
  const { input } = generateOrgGraph({ nodes, edges, seed });
  for (const [job, name] of [
    ['fa2', 'forceatlas2+noverlap'],
    ['d3', 'd3-force'],
  ] as const) {
    const result = await inWorker(job, input, seed);
    report('graph-layout', {
      layout: name,
      nodes: input.nodes.length,
      edges: input.edges.length,
      ms: round(result.ms, 1),
      iterations: result.iterations,
      converged: result.converged,
      edgeToRandomPairDistance: round(layoutQuality(input, result.positions), 4),
    });
  }
}
