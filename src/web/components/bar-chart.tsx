import type { Child } from 'hono/jsx';
import type { View } from '../view.js';

export interface ChartSeries {
  label: string;
  values: number[];
}

const ROW = 26;
const LABEL_WIDTH = 190;
const BAR_AREA = 380;
const COLORS = ['#0b4f8a', '#1d6b35', '#a01919'];

/**
 * A horizontal bar chart drawn on the server (SVG, no script, no inline style), followed by a table with the same
 * numbers: the chart is an image with a short name, the table is what screen readers and copy-paste use.
 */
export function BarChart(props: {
  view: View;
  id: string;
  title: string;
  rowHeader: string;
  rows: string[];
  series: ChartSeries[];
  /** Optional text per row and series instead of the number (e.g. "89 %"). */
  format?: (value: number, series: number) => string;
  csvHref?: string;
  /** Shown between the table and the CSV link (e.g. which rows of a long table are shown, and page links). */
  footer?: Child;
}) {
  const { view, rows, series } = props;
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const band = ROW * series.length + 8;
  const height = rows.length * band + 8;
  const width = LABEL_WIDTH + BAR_AREA + 60;
  const show = props.format ?? ((v: number) => String(v));
  return (
    <section aria-labelledby={`${props.id}-h`}>
      <h2 id={`${props.id}-h`}>{props.title}</h2>
      <figure class="chart">
        <svg
          viewBox={`0 0 ${width} ${Math.max(height, 30)}`}
          width={width}
          height={Math.max(height, 30)}
          role="img"
          aria-label={view.t('stats.chartOf', { title: props.title })}
        >
          {rows.map((label, r) => (
            <g>
              <text x={LABEL_WIDTH - 8} y={r * band + band / 2 + 4} text-anchor="end" font-size="13" fill="#1b1b1b">
                {label.length > 26 ? `${label.slice(0, 25)}…` : label}
              </text>
              {series.map((s, i) => {
                const value = s.values[r] ?? 0;
                const w = Math.round((value / max) * BAR_AREA);
                const y = r * band + 4 + i * ROW;
                return (
                  <g>
                    <rect
                      x={LABEL_WIDTH}
                      y={y}
                      width={Math.max(w, 1)}
                      height={ROW - 6}
                      fill={COLORS[i % COLORS.length]}
                    />
                    <text x={LABEL_WIDTH + w + 6} y={y + ROW / 2 + 1} font-size="12" fill="#1b1b1b">
                      {show(value, i)}
                    </text>
                  </g>
                );
              })}
            </g>
          ))}
        </svg>
        {series.length > 1 ? (
          <div class="legend" aria-hidden="true">
            {series.map((s, i) => (
              <span>
                <span class={`swatch s${i}`} />
                {s.label}
              </span>
            ))}
          </div>
        ) : null}
      </figure>
      <div class="table-wrap">
        <table>
          <caption>{props.title}</caption>
          <thead>
            <tr>
              <th scope="col">{props.rowHeader}</th>
              {series.map((s) => (
                <th scope="col" class="num">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((label, r) => (
              <tr>
                <th scope="row">{label}</th>
                {series.map((s, i) => (
                  <td class="num">{show(s.values[r] ?? 0, i)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.footer ?? null}
      {props.csvHref ? (
        <p>
          <a href={props.csvHref}>
            {view.t('common.downloadCsv')}
            <span class="visually-hidden">: {props.title}</span>
          </a>
        </p>
      ) : null}
    </section>
  );
}
