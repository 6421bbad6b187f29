/**
 * The sigma canvas (sigma v3 via @react-sigma/core) for the derived render graph: hover highlights a node's
 * neighbours and dims the rest, click selects, `focusNodeId` flies the camera there, and the keyboard moves a
 * focus ring from node to node (arrows), selects (Enter) and clears (Escape), read out by a live region.
 * Works under StrictMode: every listener and setting is tied to the sigma instance it was set on.
 */
import '@react-sigma/core/lib/style.css';
import { useComputedColorScheme, VisuallyHidden } from '@mantine/core';
import { SigmaContainer } from '@react-sigma/core';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type Sigma from 'sigma';
import { NodeCircleProgram } from 'sigma/rendering';
import type { Settings } from 'sigma/settings';
import type { RenderEdgeAttributes, RenderGraph, RenderNodeAttributes } from '../../graph/appearance.ts';
import { describeNode, firstFocus, isArrowKey, nextFocus } from '../../graph/graph-keyboard.ts';
import { blobToBase64, canvasTheme, drawNodeHover } from '../../graph/graph-canvas-theme.ts';
import { NodeSquareProgram } from './node-square-program.ts';

export interface GraphCanvasApi {
  /** The current view with labels, on the theme's background, as base64 PNG. */
  exportPng(): Promise<string>;
  fitView(): void;
}

export interface GraphCanvasProps {
  graph: RenderGraph;
  selectedNodeId: string | null;
  focusNodeId: string | null;
  onSelectNode: (id: string | null) => void;
  onReady?: (api: GraphCanvasApi) => void;
}

type KithSigma = Sigma<RenderNodeAttributes, RenderEdgeAttributes>;

const BASE_SETTINGS: Readonly<Partial<Settings<RenderNodeAttributes, RenderEdgeAttributes>>> = {
  nodeProgramClasses: { circle: NodeCircleProgram, square: NodeSquareProgram },
  defaultNodeType: 'circle',
  defaultEdgeType: 'line',
  renderEdgeLabels: false,
  zIndex: true,
  labelDensity: 0.6,
  labelRenderedSizeThreshold: 7,
  minCameraRatio: 0.03,
  maxCameraRatio: 5,
};

/**
 * Where the camera must be to centre a node. The camera works in sigma's framed coordinates (the graph's
 * extent scaled to 0–1); getNodeDisplayData can still hold graph coordinates, which sends the camera off
 * into empty space, so the node's own position is converted through the viewport.
 */
function cameraTarget(sigma: KithSigma, graph: RenderGraph, id: string): { x: number; y: number } {
  return sigma.viewportToFramedGraph(sigma.graphToViewport(graph.getNodeAttributes(id)));
}

export function GraphCanvas({ graph, selectedNodeId, focusNodeId, onSelectNode, onReady }: GraphCanvasProps) {
  const scheme = useComputedColorScheme('light');
  const theme = canvasTheme(scheme);
  const [sigma, setSigma] = useState<KithSigma | null>(null);
  const [hovered, setHovered] = useState<string | null>(null);
  const [keyboardFocus, setKeyboardFocus] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const callbacks = useRef({ onSelectNode, onReady, theme });
  useEffect(() => {
    callbacks.current = { onSelectNode, onReady, theme };
  });

  const ring = keyboardFocus !== null && graph.hasNode(keyboardFocus) ? keyboardFocus : null;
  const hover = hovered !== null && graph.hasNode(hovered) ? hovered : null;

  useEffect(() => {
    if (!sigma) return;
    sigma.setGraph(graph);
  }, [sigma, graph]);

  useEffect(() => {
    if (!sigma) return;
    const colours = canvasTheme(scheme);
    sigma.setSetting('labelColor', { color: colours.label });
    sigma.setSetting('defaultDrawNodeHover', drawNodeHover(colours));
  }, [sigma, scheme]);

  useEffect(() => {
    if (!sigma) return;
    const handlers = {
      enterNode: ({ node }: { node: string }) => setHovered(node),
      leaveNode: () => setHovered(null),
      clickNode: ({ node }: { node: string }) => callbacks.current.onSelectNode(node),
      clickStage: () => callbacks.current.onSelectNode(null),
    };
    sigma.on('enterNode', handlers.enterNode);
    sigma.on('leaveNode', handlers.leaveNode);
    sigma.on('clickNode', handlers.clickNode);
    sigma.on('clickStage', handlers.clickStage);
    return () => {
      sigma.off('enterNode', handlers.enterNode);
      sigma.off('leaveNode', handlers.leaveNode);
      sigma.off('clickNode', handlers.clickNode);
      sigma.off('clickStage', handlers.clickStage);
    };
  }, [sigma]);

  // Hover wins, then the keyboard ring, then the focused node, then the selection.
  useEffect(() => {
    if (!sigma) return;
    const center =
      [hover, ring, focusNodeId, selectedNodeId].find((id) => id !== null && graph.hasNode(id)) ?? null;
    const lit = center === null ? null : new Set([center, ...graph.neighbors(center)]);
    const marked = new Set([selectedNodeId, focusNodeId, ring].filter((id) => id !== null));
    sigma.setSetting('nodeReducer', (node, data) => {
      const out: Partial<RenderNodeAttributes & { highlighted: boolean }> = { ...data };
      if (lit && !lit.has(node)) {
        out.color = theme.dimNode;
        out.label = '';
        out.zIndex = -1;
      }
      if (marked.has(node)) {
        out.highlighted = true;
        out.forceLabel = true;
        out.zIndex = 3;
      }
      if (node === ring) out.size = data.size + 3;
      return out;
    });
    sigma.setSetting('edgeReducer', (edge, data) => {
      if (!lit || center === null || graph.hasExtremity(edge, center)) return data;
      return { ...data, color: theme.dimEdge, zIndex: -1 };
    });
  }, [sigma, graph, hover, ring, focusNodeId, selectedNodeId, theme.dimNode, theme.dimEdge]);

  useEffect(() => {
    if (!sigma || focusNodeId === null || !graph.hasNode(focusNodeId)) return;
    const camera = sigma.getCamera();
    const at = cameraTarget(sigma, graph, focusNodeId);
    void camera.animate({ ...at, ratio: Math.min(camera.ratio, 0.6) }, { duration: 450 });
  }, [sigma, graph, focusNodeId]);

  useEffect(() => {
    if (!sigma) return;
    callbacks.current.onReady?.({
      async exportPng() {
        const { toBlob } = await import('@sigma/export-image');
        // export-image is typed for untyped attributes; the instance is the same.
        const blob = await toBlob(sigma as unknown as Sigma, {
          format: 'png',
          backgroundColor: callbacks.current.theme.background,
        });
        return blobToBase64(blob);
      },
      fitView() {
        void sigma.getCamera().animatedReset({ duration: 300 });
      },
    });
  }, [sigma]);

  const moveRing = (id: string | null) => {
    setKeyboardFocus(id);
    setAnnouncement(id === null ? '' : describeNode(graph, id));
    if (!sigma || id === null) return;
    // Keep the ring in view: follow it when it leaves the visible area.
    const point = sigma.graphToViewport(graph.getNodeAttributes(id));
    const { width, height } = sigma.getDimensions();
    if (point.x < 0 || point.y < 0 || point.x > width || point.y > height) {
      void sigma.getCamera().animate(cameraTarget(sigma, graph, id), { duration: 250 });
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (isArrowKey(event.key)) {
      event.preventDefault();
      const screen = (id: string) =>
        sigma ? sigma.graphToViewport(graph.getNodeAttributes(id)) : graph.getNodeAttributes(id);
      moveRing(nextFocus(graph, ring, event.key, screen));
    } else if (event.key === 'Enter') {
      const target = ring ?? firstFocus(graph);
      if (target !== null) {
        event.preventDefault();
        moveRing(target);
        onSelectNode(target);
      }
    } else if (event.key === 'Escape') {
      moveRing(null);
      onSelectNode(null);
    }
  };

  return (
    <div
      tabIndex={0}
      role="application"
      aria-label="Network graph. Arrow keys move between people, Enter selects, Escape clears."
      aria-describedby="graph-canvas-announcement"
      onKeyDown={onKeyDown}
      onBlur={() => setHovered(null)}
      data-testid="graph-canvas"
      style={{ position: 'absolute', inset: 0, outlineOffset: -3 }}
    >
      <SigmaContainer<RenderNodeAttributes, RenderEdgeAttributes>
        ref={setSigma}
        // One settings object for good: react-sigma re-creates sigma when they change, and the theme's
        // colours are set on the instance below instead (a re-created sigma broke under the old one's effects).
        settings={BASE_SETTINGS}
        style={{ width: '100%', height: '100%', background: 'transparent' }}
      />
      <VisuallyHidden id="graph-canvas-announcement" aria-live="polite" aria-atomic="true">
        {announcement}
      </VisuallyHidden>
    </div>
  );
}
