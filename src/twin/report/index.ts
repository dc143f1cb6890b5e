export { badgeSvg } from './badge.js';
export { htmlReport, timelineSvg } from './html.js';
export { junitReport } from './junit.js';
export { markdownReport } from './markdown.js';
export { formatReport, formatTrace, formatViolation, summaryLine } from './text.js';
