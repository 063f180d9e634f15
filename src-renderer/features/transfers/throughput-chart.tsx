// Throughput of the last two minutes, uploads and downloads per second (uPlot on a canvas: built
// for live time series, redraws without relayout). The two series differ by dash as well as
// colour, the legend names them, and a text summary carries the same numbers for screen readers.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ThroughputSample } from '../../../src-shared/contract/index.js';
import { formatSpeed } from '../../components/format.js';

const WINDOW_S = 120;
const HEIGHT = 180;

/** A colour token resolved to rgb() (the tokens are light-dark() pairs, which only a real property resolves). */
function cssVar(name: string): string {
  const probe = document.createElement('span');
  probe.style.color = `var(${name})`;
  probe.className = 'offscreen';
  document.body.append(probe);
  const color = getComputedStyle(probe).color;
  probe.remove();
  return color || '#888';
}

/** Seconds since the epoch for the last two minutes, zero-filled where no sample exists. */
export function chartData(samples: readonly ThroughputSample[], nowMs: number): [number[], number[], number[]] {
  const end = Math.floor(nowMs / 1000);
  const byTime = new Map(samples.map((s) => [Math.floor(s.at / 1000), s]));
  const xs: number[] = [];
  const up: number[] = [];
  const down: number[] = [];
  for (let t = end - WINDOW_S; t <= end; t++) {
    const s = byTime.get(t);
    xs.push(t);
    up.push(s?.up ?? 0);
    down.push(s?.down ?? 0);
  }
  return [xs, up, down];
}

/** "2 min ago", "90 s ago", …, "now": relative labels read better than clock times here. */
function ageLabel(seconds: number, end: number): string {
  const ago = Math.round(end - seconds);
  if (ago <= 0) return 'now';
  return ago % 60 === 0 ? `${ago / 60} min ago` : `${ago} s ago`;
}

function makeOptions(width: number): uPlot.Options {
  const text = cssVar('--muted');
  const grid = cssVar('--border');
  const font = '12px system-ui, sans-serif';
  return {
    width,
    height: HEIGHT,
    cursor: { drag: { x: false, y: false }, points: { show: false } },
    // The figure caption below carries the legend (as text, with the line styles).
    legend: { show: false },
    scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, Math.max(1024, max * 1.15)] } },
    axes: [
      {
        stroke: text,
        font,
        grid: { stroke: grid, width: 1 },
        ticks: { stroke: grid },
        splits: (u) => {
          const end = u.scales.x?.max ?? 0;
          return [120, 90, 60, 30, 0].map((ago) => end - ago);
        },
        values: (u, splits) => splits.map((v) => ageLabel(v, u.scales.x?.max ?? v)),
      },
      { stroke: text, font, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, size: 84, values: (_u, splits) => splits.map((v) => formatSpeed(v)) },
    ],
    series: [
      {},
      { label: 'Upload', stroke: cssVar('--chart-up'), width: 2, fill: cssVar('--chart-up-fill') },
      { label: 'Download', stroke: cssVar('--chart-down'), width: 2, dash: [6, 4] },
    ],
  };
}

export function ThroughputChart({ samples, now }: { readonly samples: readonly ThroughputSample[]; readonly now: number }) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | undefined>(undefined);
  const data = chartData(samples, now);
  const latest = useRef(data);
  latest.current = data;

  // Rebuilt when the theme changes (the setting or the system's): the colours are CSS variables.
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const dark = window.matchMedia('(prefers-color-scheme: dark)');
    let chart: uPlot | undefined;
    const build = () => {
      chart?.destroy();
      chart = new uPlot(makeOptions(el.clientWidth || 600), latest.current, el);
      plot.current = chart;
    };
    build();
    const resize = new ResizeObserver(() => chart?.setSize({ width: el.clientWidth, height: HEIGHT }));
    resize.observe(el);
    const themeAttr = new MutationObserver(build);
    themeAttr.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    dark.addEventListener('change', build);
    return () => {
      dark.removeEventListener('change', build);
      themeAttr.disconnect();
      resize.disconnect();
      chart?.destroy();
      plot.current = undefined;
    };
  }, []);

  useEffect(() => {
    plot.current?.setData(data);
  });

  const peakUp = Math.max(0, ...data[1]);
  const peakDown = Math.max(0, ...data[2]);
  const lastUp = data[1][data[1].length - 2] ?? 0;
  const lastDown = data[2][data[2].length - 2] ?? 0;
  return (
    <figure className="chart">
      <div ref={box} className="chart-canvas" aria-hidden="true" />
      <figcaption className="chart-summary">
        <span><span className="swatch swatch-up" aria-hidden="true" />Upload now <span className="num">{formatSpeed(lastUp)}</span>, peak <span className="num">{formatSpeed(peakUp)}</span></span>
        <span><span className="swatch swatch-down" aria-hidden="true" />Download now <span className="num">{formatSpeed(lastDown)}</span>, peak <span className="num">{formatSpeed(peakDown)}</span></span>
      </figcaption>
    </figure>
  );
}
