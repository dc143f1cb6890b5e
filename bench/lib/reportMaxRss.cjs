/* global process */
// Preloaded into a measured child process (`node --require`): prints its peak RSS in KiB as the
// last line on stderr when it exits, whichever way it exits.
process.on('exit', () => process.stderr.write(`${JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS })}\n`));
