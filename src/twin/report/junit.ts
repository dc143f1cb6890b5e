import type { VerifyReport } from '../types.js';
import { formatTrace } from './text.js';

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** JUnit XML, one test case per scenario, for CI dashboards. */
export function junitReport(report: VerifyReport): string {
  const cases = report.scenarios.map((scenario) => {
    const failures = scenario.violations.map((v) => `    <failure type="${v.kind}" message="${escape(v.message)}">${escape([...formatTrace(v.trace), `replay: ${v.replayToken}`].join('\n'))}</failure>`);
    return [`  <testcase classname="${escape(scenario.file ?? 'twin')}" name="${escape(scenario.name)}" time="${(scenario.wallMs / 1000).toFixed(3)}">`, ...failures, '  </testcase>'].join('\n');
  });
  const failures = report.scenarios.filter((scenario) => !scenario.ok).length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="krepis twin" tests="${report.scenarios.length}" failures="${failures}" time="${(report.wallMs / 1000).toFixed(3)}">\n${cases.join('\n')}\n</testsuite>\n`;
}
