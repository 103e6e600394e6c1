// Daily scans as bars and unique visitors as a line, drawn by uPlot (DESIGN.md: ~50 KB, fast).
// The canvas is a picture for sighted readers; ScansTable holds the same numbers for everyone.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** One day of the timeline. */
export interface Day {
  date: string;
  scans: number;
  unique_scans: number;
}

const ACCENT = '#7c3aed';
const INK = '#71717a';

const DAY = 86_400;
const dayStart = (date: string) => Date.parse(`${date}T00:00:00Z`) / 1000;
// The time axis steps by whole days: at finer steps uPlot also put a tick at every noon, which
// named each day twice (once between two bars) and the day before the period at its left edge.
const DAY_STEPS = [1, 2, 3, 7, 14, 28, 56, 91].map((days) => days * DAY);
const axisDate = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });

function options(width: number, days: readonly Day[]): uPlot.Options {
  const first = dayStart(days[0]!.date);
  const last = dayStart(days[days.length - 1]!.date);
  const axis = { stroke: INK, grid: { stroke: 'rgba(113,113,122,0.15)', width: 1 }, ticks: { show: false }, font: '12px Inter Variable, system-ui, sans-serif' };
  return {
    width,
    height: 220,
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, points: { size: 6 } },
    // Day stamps are UTC midnights of local dates: shown as dates, never shifted by the viewer's zone.
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    scales: { x: { time: true, range: () => [first - DAY / 2, last + DAY / 2] }, y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.15))] } },
    axes: [
      { ...axis, space: 56, incrs: DAY_STEPS, values: (_u, splits) => splits.map((s) => axisDate.format(new Date(s * 1000))) },
      { ...axis, size: 44, values: (_u, splits) => splits.map((s) => (Number.isInteger(s) ? new Intl.NumberFormat().format(s) : '')) },
    ],
    series: [
      {},
      { label: 'Scans', stroke: ACCENT, fill: 'rgba(124,58,237,0.75)', width: 0, paths: uPlot.paths.bars!({ size: [0.7, 28], gap: 1 }), points: { show: false } },
      { label: 'Unique visitors', stroke: INK, width: 2, points: { show: days.length <= 31, size: 4 } },
    ],
  };
}

/** The chart, as wide as its container. */
export function ScansChart({ days }: { days: readonly Day[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || days.length === 0) return;
    const data: uPlot.AlignedData = [days.map((d) => dayStart(d.date)), days.map((d) => d.scans), days.map((d) => d.unique_scans)];
    const plot = new uPlot(options(el.clientWidth, days), data, el);
    const resize = new ResizeObserver(() => plot.setSize({ width: el.clientWidth, height: 220 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [days]);
  return <div ref={box} aria-hidden="true" data-testid="scans-chart" className="w-full min-w-0" />;
}
