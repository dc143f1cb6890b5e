import type { TraceStep, VerifyReport, Violation } from '../types.js';
import { summaryLine } from './text.js';

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const COLORS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/**
 * An SVG timeline of a schedule: one lane per task, one box per step, laid out in step order with
 * virtual time on the axis labels (steps at the same instant stay readable).
 */
export function timelineSvg(trace: readonly TraceStep[]): string {
  const lanes = [...new Set(trace.map((step) => step.task))];
  const laneH = 28;
  const left = 110;
  const stepW = 34;
  const width = left + Math.max(1, trace.length) * stepW + 20;
  const height = lanes.length * laneH + 40;
  const boxes = trace.map((step, i) => {
    const lane = lanes.indexOf(step.task);
    const x = left + i * stepW;
    const y = 10 + lane * laneH;
    const color = COLORS[lane % COLORS.length] ?? '#888';
    return `<g><rect x="${x}" y="${y}" width="${stepW - 4}" height="${laneH - 8}" rx="3" fill="${color}"><title>${escape(`#${step.step} t=${step.time}ms ${step.task}: ${step.op}${step.note ? ` ${step.note}` : ''}`)}</title></rect><text x="${x + (stepW - 4) / 2}" y="${y + 14}" font-size="9" text-anchor="middle" fill="#fff">${step.step}</text></g>`;
  });
  const labels = lanes.map((lane, i) => `<text x="4" y="${10 + i * laneH + 14}" font-size="11">${escape(lane)}</text>`);
  const axis = trace.map((step, i) => (i === 0 || trace[i - 1]?.time !== step.time ? `<text x="${left + i * stepW}" y="${height - 12}" font-size="9" fill="#555">${step.time}ms</text>` : '')).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">${labels.join('')}${boxes.join('')}${axis}</svg>`;
}

function violationSection(violation: Violation): string {
  const rows = violation.trace.map((step) => `<tr><td>${step.step}</td><td>${step.time} ms</td><td>${escape(step.task)}</td><td><code>${escape(step.op)}</code></td><td>${escape(step.note ?? '')}</td></tr>`).join('');
  return `<section><h2>${escape(violation.kind)}: ${escape(violation.scenario)}</h2><p>${escape(violation.message)}</p><div class="timeline">${timelineSvg(violation.trace)}</div><table><tr><th>step</th><th>time</th><th>task</th><th>op</th><th></th></tr>${rows}</table><p>Replay: <code>krepis verify --replay ${escape(violation.replayToken)}</code></p></section>`;
}

/** A self-contained HTML report with a timeline picture of each failing schedule. */
export function htmlReport(report: VerifyReport): string {
  const scenarios = report.scenarios.map((s) => `<li>${s.ok ? '✅' : '❌'} ${escape(s.name)}: ${s.distinctStates} states, ${s.schedules} schedules (${s.strategy})</li>`).join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Krepis twin report</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:2px 6px;font-size:12px}.timeline{overflow-x:auto}</style></head><body><h1>Twin verification: ${report.ok ? 'passed' : 'failed'}</h1><p>${escape(summaryLine(report))}</p><ul>${scenarios}</ul>${report.violations.map(violationSection).join('')}</body></html>\n`;
}
