import * as vega from 'vega';
import * as vl from 'vega-lite';
import { escapeHtml } from '../output/html.ts';
import type { ChartRequest } from './model.ts';
import type { PublishedTable } from './report-table.ts';

const FONT = 'Arial, Helvetica, sans-serif';
const PALETTE = ['#1d70b8', '#f47738', '#00703c', '#912b88', '#b58840', '#5694ca'];

/**
 * Draws a chart of a published table as SVG, on the server (vega-lite compiled to vega, rendered
 * headless): the page needs no script to show it. Only published numbers are drawn: a withheld
 * cell is left out, never plotted.
 */
export async function renderChart(chart: ChartRequest, table: PublishedTable): Promise<string> {
  const labelOf = (key: string) => table.columns.find((c) => c.key === key)?.label ?? key;
  const rows = table.rows.map((row) => String(row[chart.category] ?? ''));
  const values = table.rows.flatMap((row) =>
    chart.values
      .filter((key) => typeof row[key] === 'number')
      .map((key) => ({
        category: String(row[chart.category] ?? ''),
        series: labelOf(key),
        value: row[key] as number,
        ...(chart.interval && typeof row[chart.interval[0]] === 'number' && typeof row[chart.interval[1]] === 'number'
          ? { low: row[chart.interval[0]] as number, high: row[chart.interval[1]] as number }
          : {}),
      })),
  );
  const spec = vegaLiteSpec(chart, values, rows);
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg.replace('<svg ', `<svg role="img" aria-label="${escapeHtml(`${chart.title}. ${chart.description}`)}" `);
}

function vegaLiteSpec(chart: ChartRequest, values: object[], order: string[]): vl.TopLevelSpec {
  const base = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: chart.description,
    title: { text: chart.title, anchor: 'start' as const, font: FONT, fontSize: 14 },
    width: 420,
    data: { values },
    config: {
      font: FONT,
      axis: { labelFont: FONT, titleFont: FONT, labelLimit: 220 },
      legend: { labelFont: FONT, titleFont: FONT, orient: 'bottom' as const },
      view: { stroke: null },
    },
  };
  const category = { field: 'category', type: 'nominal' as const, sort: order, title: null };
  const value = { field: 'value', type: 'quantitative' as const, title: chart.unit === '%' ? 'per cent' : chart.unit };
  const colour = { field: 'series', type: 'nominal' as const, title: null, scale: { range: PALETTE } };
  const rowHeight = { step: chart.kind === 'grouped-bars' ? 10 : chart.kind === 'intervals' ? 30 : 18 };
  switch (chart.kind) {
    case 'stacked-bars':
      return {
        ...base,
        height: rowHeight,
        mark: { type: 'bar' },
        encoding: { y: category, x: { ...value, stack: 'zero' }, color: colour },
      };
    case 'bars':
      return {
        ...base,
        height: rowHeight,
        mark: { type: 'bar', color: PALETTE[0] },
        encoding: { y: category, x: value },
      };
    case 'grouped-bars':
      return {
        ...base,
        height: rowHeight,
        mark: { type: 'bar' },
        encoding: { y: category, yOffset: { field: 'series' }, x: value, color: colour },
      };
    case 'lines':
      return {
        ...base,
        height: 220,
        mark: { type: 'line', point: true },
        encoding: { x: { field: 'category', type: 'ordinal', title: 'period', sort: order }, y: value, color: colour },
      };
    case 'intervals':
      return {
        ...base,
        height: rowHeight,
        layer: [
          {
            mark: { type: 'rule', color: '#505a5f' },
            encoding: {
              y: category,
              x: { field: 'low', type: 'quantitative', title: 'workforce share ÷ community share' },
              x2: { field: 'high' },
            },
          },
          {
            mark: { type: 'point', filled: true, size: 60, color: PALETTE[0] },
            encoding: { y: category, x: { field: 'value', type: 'quantitative' } },
          },
          {
            data: { values: [{ reference: chart.reference ?? 1 }] },
            mark: { type: 'rule', strokeDash: [4, 4], color: '#d4351c' },
            encoding: { x: { field: 'reference', type: 'quantitative' } },
          },
        ],
      };
  }
}
