/**
 * How long the event loop kept work waiting while the server was up, summarised in one log line at
 * shutdown. Nothing exposes it over HTTP: it is for operators reading logs and for `pnpm bench`.
 * Sampling costs a timer tick every RESOLUTION_MS, nothing per request.
 *
 * Node's histogram records the time between ticks, the interval included (an idle loop reads
 * ~10 ms): the delay is what lies beyond the interval.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

const RESOLUTION_MS = 10;
const NS_PER_MS = 1e6;

export interface EventLoopDelaySummary {
  p50: number;
  p99: number;
  max: number;
  mean: number;
  /** Samples taken: few samples make p99 mean little. */
  samples: number;
}

export interface EventLoopDelayWatch {
  /** Stops sampling and returns the delays seen since start, in milliseconds. */
  stop(): EventLoopDelaySummary;
}

export function watchEventLoopDelay(): EventLoopDelayWatch {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  const ms = (ns: number) => Math.max(0, Math.round((ns / NS_PER_MS - RESOLUTION_MS) * 100) / 100);
  return {
    stop() {
      histogram.disable();
      return {
        p50: ms(histogram.percentile(50)),
        p99: ms(histogram.percentile(99)),
        max: ms(histogram.max),
        mean: ms(histogram.mean),
        samples: histogram.count,
      };
    },
  };
}
