/**
 * Chart.js is tree-shaken: only the pieces these charts use are registered,
 * which keeps the bundle small. Registering twice is harmless.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

export function registerCharts(): void {
  Chart.register(
    BarController,
    BarElement,
    CategoryScale,
    Legend,
    LinearScale,
    LineController,
    LineElement,
    PointElement,
    Tooltip,
  );
  // The page loads no web font; the system's own face matches the rest of the page.
  Chart.defaults.font.family = 'system-ui, sans-serif';
}

/**
 * Colours with distinct lightness and, for lines, distinct dash and point
 * shapes, so the series stay apart without colour vision.
 */
export const PALETTE = [
  { color: '#1f5fbf', dash: [], point: 'circle' },
  { color: '#c2410c', dash: [6, 4], point: 'rect' },
  { color: '#15803d', dash: [2, 3], point: 'triangle' },
] as const;

/** Options every chart shares: sized by its container, no animation (a dashboard is read, not watched). */
export const BASE_OPTIONS = {
  responsive: true,
  maintainAspectRatio: false,
  animation: false,
} as const;
