/**
 * A uPlot chart that fills its container's width and follows it on resize. uPlot draws on a
 * canvas, which assistive technology cannot read, so the chart is an image with a name and a
 * caption that says in words what it shows.
 */
import { useEffect, useId, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatDay } from '../../lib/format';

interface Props {
  /** The accessible name, e.g. "Forecast chart". */
  label: string;
  /** What the chart shows, in a sentence. */
  summary: string;
  options: Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
  height?: number;
}

export function UPlotChart({ label, summary, options, data, height = 260 }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const captionId = useId();

  useEffect(() => {
    const element = box.current;
    // No canvas here (a test DOM, a very old browser): the caption still tells the story.
    if (!element || !canDraw()) return;
    const chart = new uPlot({ ...options, width: element.clientWidth || 320, height }, data, element);
    const resize = new ResizeObserver(([entry]) => {
      if (entry && entry.contentRect.width > 0) chart.setSize({ width: entry.contentRect.width, height });
    });
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [options, data, height]);

  return (
    <figure className="chart">
      <div ref={box} role="img" aria-label={label} aria-describedby={captionId} className="chart-canvas" />
      <figcaption id={captionId} className="muted small">
        {summary}
      </figcaption>
    </figure>
  );
}

let canvasWorks: boolean | undefined;
function canDraw(): boolean {
  canvasWorks ??= Boolean(document.createElement('canvas').getContext('2d'));
  return canvasWorks;
}

/** A calendar day as uPlot's x value: seconds since the epoch at UTC midnight. */
export function dayToSeconds(isoDay: string): number {
  return Date.parse(`${isoDay}T00:00:00Z`) / 1000;
}

/** Axis ticks in UTC so each day stays on its own date whatever the viewer's time zone. */
export const utcDates: Pick<uPlot.Options, 'tzDate'> = { tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC') };

/** The x axis as days written the panel's way ("26 Nov"), not uPlot's American "11/26". */
export function dayAxis(language: string): uPlot.Axis {
  return { values: (_chart, ticks) => ticks.map((seconds) => formatDay(new Date(seconds * 1000).toISOString().slice(0, 10), language)) };
}
