import { CompositeChart, type CompositeChartSeries } from '@mantine/charts';
import { Paper, SimpleGrid, Text } from '@mantine/core';
import type { HealthMonth } from '#shared/domain/community';
import { toChartRows, type HealthChartRow } from '../../lib/community-health.ts';

interface ChartSpec {
  title: string;
  description: string;
  series: (CompositeChartSeries & { name: keyof HealthChartRow })[];
  unit?: string;
  rightUnit?: string;
  /** Counts of people: no half members on the axis. */
  integers?: { left: boolean; right: boolean };
  testId: string;
}

const CHARTS: ChartSpec[] = [
  {
    title: 'Participation',
    description: 'Active members (bars) and posts per week (line), per month',
    series: [
      { name: 'activeMembers', label: 'Active members', color: 'indigo.5', type: 'bar' },
      { name: 'postsPerWeek', label: 'Posts per week', color: 'orange.6', type: 'line', yAxisId: 'right' },
    ],
    integers: { left: true, right: false },
    testId: 'health-chart-participation',
  },
  {
    title: 'Questions',
    description: 'Share answered (bars, %) and median hours to a first answer (line)',
    series: [
      { name: 'answeredPercent', label: 'Answered (%)', color: 'teal.5', type: 'bar' },
      {
        name: 'medianHours',
        label: 'Median hours to first answer',
        color: 'grape.6',
        type: 'line',
        yAxisId: 'right',
      },
    ],
    unit: '%',
    rightUnit: ' h',
    testId: 'health-chart-questions',
  },
  {
    title: 'Growth',
    description: 'New members (bars) and members at month end (line)',
    series: [
      { name: 'newMembers', label: 'New members', color: 'cyan.5', type: 'bar' },
      { name: 'members', label: 'Members', color: 'blue.7', type: 'line', yAxisId: 'right' },
    ],
    integers: { left: true, right: true },
    testId: 'health-chart-growth',
  },
];

/** The last 12 months, oldest first, the current (partial) month last. */
export function HealthCharts({ months }: { months: readonly HealthMonth[] }) {
  const rows = toChartRows(months);
  return (
    <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="md">
      {CHARTS.map((chart) => (
        <Paper key={chart.title} withBorder radius="lg" p="md" data-testid={chart.testId}>
          <Text fw={600} size="sm">
            {chart.title}
          </Text>
          <Text size="xs" c="dimmed" mb="sm">
            {chart.description}
          </Text>
          <CompositeChart
            h={220}
            data={rows}
            dataKey="month"
            series={chart.series}
            withRightYAxis
            withLegend
            legendProps={{ verticalAlign: 'bottom', height: 40 }}
            // Axis units only: one tooltip shows series of two units, and their labels say which.
            yAxisProps={{ unit: chart.unit, allowDecimals: !chart.integers?.left }}
            rightYAxisProps={{ unit: chart.rightUnit, allowDecimals: !chart.integers?.right }}
            curveType="linear"
            connectNulls
            maxBarWidth={18}
            tickLine="none"
            gridAxis="x"
            xAxisProps={{ interval: 'preserveStartEnd', tickMargin: 6 }}
          />
        </Paper>
      ))}
    </SimpleGrid>
  );
}
