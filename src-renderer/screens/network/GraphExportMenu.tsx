import { Button, Menu } from '@mantine/core';
import { IconDownload, IconFileCode, IconPhoto } from '@tabler/icons-react';
import type { GraphExportFormat } from '#shared/domain/graph';
import type { RenderGraph } from '../../graph/appearance.ts';
import type { KithGraph } from '../../graph/build-graph.ts';
import { useSaveGraphExport } from './use-graph.ts';
import { showError, showToast } from '../../lib/toasts.ts';

const FORMAT_NAMES: Record<GraphExportFormat, string> = {
  png: 'PNG image',
  gexf: 'GEXF',
  graphml: 'GraphML',
};

interface Props {
  /** The filtered graph, as the list shows it. */
  graph: KithGraph;
  /** What is drawn: its positions, colours and sizes go into the files. */
  render: RenderGraph;
  /** The canvas's image of the current view; null while the canvas is not ready. */
  exportPng: (() => Promise<string>) | null;
}

/** The current view as a PNG, or the filtered graph as GEXF or GraphML; the host asks where. */
export function GraphExportMenu({ graph, render, exportPng }: Props) {
  const save = useSaveGraphExport();
  const run = async (format: GraphExportFormat) => {
    try {
      let data: string;
      if (format === 'png') {
        if (!exportPng) throw new Error('The graph is not drawn yet.');
        data = await exportPng();
      } else if (format === 'gexf') {
        // The exporters (graphology-gexf brings an XML library) load on the first export, not with the graph.
        const { exportGexf } = await import('../../graph/export-gexf.ts');
        data = exportGexf(graph, { render });
      } else {
        const { exportGraphml } = await import('../../graph/export-graphml.ts');
        data = exportGraphml(graph, { render });
      }
      const saved = await save.mutateAsync({ format, data });
      if (saved)
        showToast({
          title: `${FORMAT_NAMES[format]} exported`,
          message: `Written to ${saved.path}`,
          color: 'green',
        });
    } catch (error) {
      showError(`Could not export the ${FORMAT_NAMES[format]}`, error);
    }
  };
  return (
    <Menu position="bottom-end" shadow="md" width={240}>
      <Menu.Target>
        <Button
          variant="default"
          size="sm"
          leftSection={<IconDownload size={16} />}
          loading={save.isPending}
          data-testid="graph-export"
        >
          Export
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>This view</Menu.Label>
        <Menu.Item
          leftSection={<IconPhoto size={16} />}
          onClick={() => void run('png')}
          disabled={!exportPng}
        >
          Image (PNG)
        </Menu.Item>
        <Menu.Label>The filtered graph</Menu.Label>
        <Menu.Item leftSection={<IconFileCode size={16} />} onClick={() => void run('gexf')}>
          GEXF (Gephi)
        </Menu.Item>
        <Menu.Item leftSection={<IconFileCode size={16} />} onClick={() => void run('graphml')}>
          GraphML
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
