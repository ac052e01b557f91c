/**
 * A dependency-free SVG of grouped bars (gateway vs naive per job count) on log scales, one panel
 * per metric: the two implementations differ by orders of magnitude, so linear bars would hide one.
 */
export interface Panel {
  title: string;
  unit: string;
  /** One group per job count; `undefined` draws "n/a". */
  groups: { label: string; gateway: number | undefined; naive: number | undefined }[];
}

const WIDTH = 330;
const HEIGHT = 260;
const PAD = { left: 52, right: 10, top: 34, bottom: 44 };
const COLORS = { gateway: '#2b6cb0', naive: '#c05621' };

function fmt(value: number): string {
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function panel(p: Panel, x0: number): string {
  const values = p.groups.flatMap((g) => [g.gateway, g.naive]).filter((v): v is number => v !== undefined && v > 0);
  const lo = 10 ** Math.floor(Math.log10(Math.min(...values, 1)));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(...values, 1)));
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const plotW = WIDTH - PAD.left - PAD.right;
  const y = (v: number) => PAD.top + plotH * (1 - (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)));
  const out: string[] = [`<g transform="translate(${x0},0)">`];
  out.push(`<text x="${WIDTH / 2}" y="16" text-anchor="middle" font-weight="bold">${escapeXml(p.title)}</text>`);
  for (let d = lo; d <= hi; d *= 10) {
    const yy = y(d).toFixed(1);
    out.push(`<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${yy}" y2="${yy}" stroke="#ddd"/>`);
    out.push(
      `<text x="${PAD.left - 4}" y="${yy}" text-anchor="end" dominant-baseline="middle">${Number(d.toPrecision(1))}</text>`,
    );
  }
  out.push(
    `<text transform="translate(12,${PAD.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(p.unit)} (log)</text>`,
  );
  const groupW = plotW / p.groups.length;
  const barW = groupW * 0.34;
  p.groups.forEach((g, i) => {
    const gx = PAD.left + i * groupW + groupW * 0.14;
    (['gateway', 'naive'] as const).forEach((impl, k) => {
      const value = g[impl];
      const bx = (gx + k * barW).toFixed(1);
      if (value === undefined || value <= 0) {
        out.push(`<text x="${bx}" y="${PAD.top + plotH - 4}" font-size="9" fill="${COLORS[impl]}">n/a</text>`);
        return;
      }
      const top = y(value);
      out.push(
        `<rect x="${bx}" y="${top.toFixed(1)}" width="${barW.toFixed(1)}" height="${(PAD.top + plotH - top).toFixed(1)}" fill="${COLORS[impl]}"/>`,
      );
      out.push(
        `<text x="${(gx + k * barW + barW / 2).toFixed(1)}" y="${(top - 3).toFixed(1)}" font-size="8" text-anchor="middle">${fmt(value)}</text>`,
      );
    });
    out.push(
      `<text x="${(gx + barW).toFixed(1)}" y="${HEIGHT - PAD.bottom + 14}" text-anchor="middle">${escapeXml(g.label)}</text>`,
    );
  });
  out.push(`<text x="${PAD.left + plotW / 2}" y="${HEIGHT - 12}" text-anchor="middle">jobs per query</text>`, '</g>');
  return out.join('\n');
}

export function renderChart(panels: Panel[], caption: string): string {
  const width = WIDTH * panels.length;
  const legend = (['gateway', 'naive'] as const)
    .map(
      (impl, i) =>
        `<rect x="${10 + i * 150}" y="${HEIGHT + 4}" width="12" height="12" fill="${COLORS[impl]}"/><text x="${26 + i * 150}" y="${HEIGHT + 14}">${impl === 'gateway' ? 'gateway' : 'naive per-field baseline'}</text>`,
    )
    .join('\n');
  const title = panels.map((p) => p.title).join('; ');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeXml(title)}" width="${width}" height="${HEIGHT + 40}" font-family="sans-serif" font-size="11">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="100%" height="100%" fill="white"/>`,
    ...panels.map((p, i) => panel(p, i * WIDTH)),
    legend,
    `<text x="10" y="${HEIGHT + 32}" font-size="9" fill="#555">${escapeXml(caption)}</text>`,
    '</svg>',
    '',
  ].join('\n');
}
