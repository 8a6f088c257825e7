/** A line per figure over the days of the range; gaps where a day has no report. */
import { Chart } from 'chart.js';

import type { Series } from '../aggregate';
import { formatCount, formatDay, formatPercent, formatRank, type Format } from '../format';
import { BASE_OPTIONS, PALETTE } from './chart-setup';

export type Scale = 'count' | 'share';

export function timeSeriesChart(canvas: HTMLCanvasElement, series: Series, scale: Scale): Chart {
  const datasets = Object.entries(series.values).map(([label, data], index) => {
    const style = PALETTE[index % PALETTE.length];
    return {
      label,
      data,
      borderColor: style.color,
      backgroundColor: style.color,
      borderDash: [...style.dash],
      pointStyle: style.point,
      pointRadius: 3,
      spanGaps: false,
    };
  });
  return new Chart(canvas, {
    type: 'line',
    data: { labels: series.days.map(formatDay), datasets },
    options: {
      ...BASE_OPTIONS,
      interaction: { mode: 'index', intersect: false },
      scales: { y: yScale(scale) },
      plugins: {
        legend: { labels: { usePointStyle: true } },
        tooltip: {
          callbacks: { label: (item) => tooltipLabel(item.dataset.label, item.raw, scale) },
        },
      },
    },
  });
}

function yScale(scale: Scale) {
  if (scale === 'count') {
    return { beginAtZero: true, ticks: { precision: 0, callback: tick(formatCount) } };
  }
  // Mean reciprocal rank shares the axis with two rates but is not a percentage, so the axis
  // reads 0 to 1 and only the tooltips and tables show each figure in its own unit.
  return { min: 0, max: 1, ticks: { stepSize: 0.2 } };
}

function tick(format: Format) {
  return (value: string | number) => format(Number(value));
}

/** Shares show as percentages except the mean reciprocal rank, which is not a share. */
function tooltipLabel(label: string | undefined, raw: unknown, scale: Scale): string {
  const value = typeof raw === 'number' ? raw : null;
  if (scale === 'count') return `${label}: ${formatCount(value)}`;
  const format = label === 'Mean reciprocal rank' ? formatRank : formatPercent;
  return `${label}: ${format(value)}`;
}
