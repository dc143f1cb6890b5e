import type { VerifyReport } from '../types.js';

const compact = (n: number): string => (n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : String(n));

/** A shields-style SVG badge: "twin | 1.2M states verified" (green) or "twin | 2 violations" (red). */
export function badgeSvg(report: VerifyReport): string {
  const label = 'twin';
  const message = report.ok ? `${compact(report.distinctStates)} states verified` : `${report.violations.length} violation${report.violations.length === 1 ? '' : 's'}`;
  const color = report.ok ? '#4c1' : '#e05d44';
  const lw = 6 * label.length + 10;
  const mw = 6.5 * message.length + 10;
  const w = lw + mw;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="20" role="img" aria-label="${label}: ${message}"><title>${label}: ${message}</title><rect width="${lw}" height="20" fill="#555"/><rect x="${lw}" width="${mw}" height="20" fill="${color}"/><g fill="#fff" text-anchor="middle" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11"><text x="${lw / 2}" y="14">${label}</text><text x="${lw + mw / 2}" y="14">${message}</text></g></svg>\n`;
}
