import * as vega from 'vega';
import * as vl from 'vega-lite';
import { escapeHtml } from '../output/html.ts';
import { plainText } from '../output/plain-text.ts';
import { humanDate } from './dates.ts';
import type { ChartRequest } from './model.ts';
import type { PublishedTable } from './report-table.ts';
import { arialWidth, measureTextItem } from './text-width.ts';

const FONT = 'Arial, Helvetica, sans-serif';
const PALETTE = ['#1d70b8', '#f47738', '#00703c', '#912b88', '#b58840', '#5694ca'];

/**
 * The width every chart is drawn at, in CSS pixels, labels included: it fits an A4 portrait page
 * (180 mm between 15 mm margins, 680 px), so a chart is never shrunk and its 12 px text prints at
 * 9 pt. A narrower screen scrolls it in its own box rather than shrink it.
 */
export const CHART_WIDTH = 640;
/** 9 pt: the smallest text a chart has, printed or on screen. */
const TEXT_PX = 12;
const LINE_PX = 15;
/** A value axis with about six round numbers on it, not a number every 40 px. */
const VALUE_AXIS = { tickCount: 6 };
/** Category labels are wrapped at words to lines of at most this many characters, never cut short. */
const LINE_CHARS = 28;

/** A label as lines of at most LINE_CHARS characters, broken at spaces (a longer word keeps its own line). */
export function wrapLabel(label: string, chars = LINE_CHARS): string[] {
  const lines: string[] = [];
  for (const word of label.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && `${last} ${word}`.length <= chars) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** vega's text measure, which it lets a caller replace (as vl-convert does): there is no canvas here to measure with. */
interface TextMetrics {
  width: typeof measureTextItem;
}
const textMetrics = (vega as unknown as { readonly textMetrics?: TextMetrics }).textMetrics;
if (!textMetrics) throw new Error('vega no longer exports textMetrics: the charts cannot measure their text');
textMetrics.width = measureTextItem;

/**
 * vega-lite's warnings, but for the one it gives whenever a chart's height is a step per category
 * ("Dropping fit-y"): it then fits the width, as asked.
 */
const vegaLog = vega.logger(vega.Warn);
const COMPILE_LOG: ReturnType<typeof vega.logger> = {
  ...vegaLog,
  warn(...args: readonly unknown[]) {
    if (!String(args[0]).startsWith('Dropping "fit-y"')) vegaLog.warn(...args);
    return COMPILE_LOG;
  },
};

/**
 * Draws a chart of a published table as SVG, on the server (vega-lite compiled to vega, rendered
 * headless): the page needs no script to show it. Only published numbers are drawn: a withheld
 * cell is left out, never plotted. Its title is the figure's caption, in the page.
 */
export async function renderChart(chart: ChartRequest, table: PublishedTable): Promise<string> {
  const labelOf = (key: string) => table.columns.find((c) => c.key === key)?.label ?? key;
  const categoryOf = (value: unknown) => (chart.category === 'period' ? humanDate(String(value)) : plainText(value));
  const rows = table.rows.map((row) => categoryOf(row[chart.category]));
  const values = table.rows.flatMap((row) =>
    chart.values
      .filter((key) => typeof row[key] === 'number')
      .map((key) => ({
        category: categoryOf(row[chart.category]),
        series: labelOf(key),
        value: row[key] as number,
        ...(chart.interval && typeof row[chart.interval[0]] === 'number' && typeof row[chart.interval[1]] === 'number'
          ? { low: row[chart.interval[0]] as number, high: row[chart.interval[1]] as number }
          : {}),
      })),
  );
  const spec = vegaLiteSpec(chart, values, rows);
  const view = new vega.View(vega.parse(vl.compile(spec, { logger: COMPILE_LOG }).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg.replace('<svg ', `<svg role="img" aria-label="${escapeHtml(`${chart.title}. ${chart.description}`)}" `);
}

/**
 * The legend below the drawing in a row where the row fits beside the category labels (it starts
 * where the plot does), otherwise one entry a line: a row running past the drawing's edge is cut.
 */
function legendDirection(chart: ChartRequest, categories: string[], series: string[]): 'horizontal' | 'vertical' {
  const labelsWidth = Math.max(0, ...categories.flatMap((c) => wrapLabel(c)).map((line) => arialWidth(line, TEXT_PX)));
  const plotStart = chart.kind === 'lines' ? 60 : labelsWidth + 16;
  const row = series.reduce((width, label) => width + 16 + arialWidth(label, TEXT_PX) + 10, 0);
  return plotStart + row <= CHART_WIDTH ? 'horizontal' : 'vertical';
}

function vegaLiteSpec(chart: ChartRequest, values: object[], order: string[]): vl.TopLevelSpec {
  // Long category labels wrap onto lines, looked up by label in the axis; each row is tall enough for its lines.
  const wrapped: Record<string, string[]> = Object.fromEntries(
    order
      .map((label): [string, string[]] => [label, wrapLabel(label)])
      .filter(([, labelLines]) => labelLines.length > 1),
  );
  const lines = Math.max(1, ...Object.values(wrapped).map((labelLines) => labelLines.length));
  const band = lines * LINE_PX + 8;
  const seriesLabels = [...new Set(values.map((v) => (v as { series: string }).series))];
  const base = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: chart.description,
    width: CHART_WIDTH,
    autosize: { type: 'fit-x' as const, contains: 'padding' as const },
    data: { values },
    config: {
      font: FONT,
      axis: { labelFont: FONT, titleFont: FONT, labelFontSize: TEXT_PX, titleFontSize: TEXT_PX, labelLimit: 0 },
      legend: {
        labelFont: FONT,
        labelFontSize: TEXT_PX,
        labelLimit: 0,
        orient: 'bottom' as const,
        direction: legendDirection(chart, order, seriesLabels),
      },
      view: { stroke: null },
    },
  };
  const category = {
    field: 'category',
    type: 'nominal' as const,
    sort: order,
    title: null,
    axis: { labelExpr: `${JSON.stringify(wrapped)}[datum.label] || datum.label`, labelLineHeight: LINE_PX },
  };
  const value = {
    field: 'value',
    type: 'quantitative' as const,
    title: chart.unit === '%' ? 'per cent' : chart.unit,
    axis: VALUE_AXIS,
  };
  const colour = { field: 'series', type: 'nominal' as const, title: null, scale: { range: PALETTE } };
  const series = seriesLabels.length;
  switch (chart.kind) {
    case 'stacked-bars':
      return {
        ...base,
        height: { step: Math.max(22, band) },
        mark: { type: 'bar' },
        encoding: { y: category, x: { ...value, stack: 'zero' }, color: colour },
      };
    case 'bars':
      return {
        ...base,
        height: { step: Math.max(22, band) },
        mark: { type: 'bar', color: PALETTE[0] },
        encoding: { y: category, x: value },
      };
    case 'grouped-bars':
      return {
        ...base,
        height: { step: Math.max(10, Math.ceil(band / Math.max(1, series))) },
        mark: { type: 'bar' },
        encoding: { y: category, yOffset: { field: 'series' }, x: value, color: colour },
      };
    case 'lines':
      return {
        ...base,
        height: 240,
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'category', type: 'ordinal', title: null, sort: order, axis: { labelAngle: 0 } },
          y: value,
          color: colour,
        },
      };
    case 'intervals':
      return {
        ...base,
        height: { step: Math.max(30, band) },
        layer: [
          {
            mark: { type: 'rule', color: '#505a5f' },
            encoding: {
              y: category,
              x: {
                field: 'low',
                type: 'quantitative',
                title: 'workforce share ÷ community share',
                axis: VALUE_AXIS,
              },
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
