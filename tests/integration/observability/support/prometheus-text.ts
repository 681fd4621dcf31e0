// Reading Prometheus text exposition in assertions: the value of one sample, and the label values of a metric.

export type Labels = Record<string, string>;

function parseLabels(raw: string | undefined): Labels {
  const labels: Labels = {};
  for (const m of (raw ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[m[1]] = m[2];
  return labels;
}

export function samples(text: string, name: string): { labels: Labels; value: number }[] {
  const out: { labels: Labels; value: number }[] = [];
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (m && m[1] === name) out.push({ labels: parseLabels(m[2]), value: Number(m[3]) });
  }
  return out;
}

/** The value of the sample of `name` whose labels include `labels`; undefined when there is none. */
export function sample(text: string, name: string, labels: Labels = {}): number | undefined {
  const found = samples(text, name).filter((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length > 1) throw new Error(`${name} ${JSON.stringify(labels)} matches ${found.length} samples`);
  return found[0]?.value;
}

export async function scrape(graphqlUrl: string, token?: string): Promise<{ status: number; text: string; contentType: string | null }> {
  const res = await fetch(new URL('/metrics', graphqlUrl), { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, text: await res.text(), contentType: res.headers.get('content-type') };
}
