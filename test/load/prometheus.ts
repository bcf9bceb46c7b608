/** Reads the server's own stage histograms from /metrics and estimates their quantiles. */

export interface Quantiles { p50: number; p95: number; p99: number }

/** p50/p95/p99 in ms per pipeline stage (WhatsApp), interpolated within histogram buckets. */
export async function stageQuantiles(baseUrl: string): Promise<Record<string, Quantiles>> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const buckets = new Map<string, Array<[number, number]>>();
  for (const m of text.matchAll(/^pipeline_stage_duration_seconds_bucket\{([^}]*)\} (\d+)/gm)) {
    const labels = Object.fromEntries([...m[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
    if (labels.channel !== 'whatsapp' || !labels.stage || !labels.le) continue;
    const list = buckets.get(labels.stage) ?? [];
    list.push([labels.le === '+Inf' ? Infinity : Number(labels.le), Number(m[2])]);
    buckets.set(labels.stage, list);
  }
  const out: Record<string, Quantiles> = {};
  for (const [stage, list] of buckets) {
    list.sort((a, b) => a[0] - b[0]);
    const total = list.at(-1)![1];
    if (!total) continue;
    const quantile = (p: number) => {
      const rank = p * total;
      let lower = 0;
      let below = 0;
      for (const [le, count] of list) {
        if (count >= rank) {
          if (le === Infinity) return lower * 1000;
          const share = count === below ? 0 : (rank - below) / (count - below);
          return Math.round((lower + (le - lower) * share) * 1000);
        }
        lower = le;
        below = count;
      }
      return lower * 1000;
    };
    out[stage] = { p50: quantile(0.5), p95: quantile(0.95), p99: quantile(0.99) };
  }
  return out;
}
