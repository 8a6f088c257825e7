/** Horizontal bars, largest first: long labels (domains) stay readable on a phone. */
import { Chart } from 'chart.js';

import type { Total } from '../aggregate';
import { formatCount } from '../format';
import { BASE_OPTIONS, PALETTE } from './chart-setup';

/** More bars than this stop being readable; the table below the chart has every row. */
export const MAX_BARS = 15;

const BAR_HEIGHT_PX = 28;
const AXES_HEIGHT_PX = 48;

/** The height a bar chart of `count` bars needs; its container is sized to it. */
export function barChartHeight(count: number): number {
  return Math.min(count, MAX_BARS) * BAR_HEIGHT_PX + AXES_HEIGHT_PX;
}

export function barChart(
  canvas: HTMLCanvasElement,
  totals: readonly Total[],
  label: string,
): Chart {
  const shown = totals.slice(0, MAX_BARS);
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels: shown.map((total) => total.label),
      datasets: [
        { label, data: shown.map((total) => total.value), backgroundColor: PALETTE[0].color },
      ],
    },
    options: {
      ...BASE_OPTIONS,
      indexAxis: 'y',
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (item) => `${label}: ${formatCount(Number(item.raw))}` } },
      },
    },
  });
}
