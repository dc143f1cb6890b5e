import { createColors } from 'picocolors';


export interface OutputOptions {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  json: boolean;
  quiet: boolean;
  verbose: boolean;
  color: boolean;
}

/**
 * Where a command writes. Human lines go to stdout (progress and notes to stderr); with `--json`
 * stdout carries exactly one JSON document and nothing else.
 */
export class Output {
  readonly json: boolean;
  readonly quiet: boolean;
  readonly verbose: boolean;
  readonly colors: ReturnType<typeof createColors>;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;

  constructor(options: OutputOptions) {
    this.json = options.json;
    this.quiet = options.quiet;
    this.verbose = options.verbose;
    this.colors = createColors(options.color);
    this.stdout = options.stdout;
    this.stderr = options.stderr;
  }

  /** Whether live progress (bars, spinners) should be drawn: a TTY on stderr, not JSON, not quiet. */
  get interactive(): boolean {
    return !this.json && !this.quiet && (this.stderr as { isTTY?: boolean }).isTTY === true;
  }

  /** A human line on stdout; dropped under `--json` and `--quiet`. */
  line(text = ''): void {
    if (!this.json && !this.quiet) this.stdout.write(`${text}\n`);
  }

  /** A note on stderr (progress, hints); dropped under `--quiet`. */
  note(text: string): void {
    if (!this.quiet) this.stderr.write(`${text}\n`);
  }

  /** Only with `--verbose`. */
  debug(text: string): void {
    if (this.verbose) this.stderr.write(`${this.colors.dim(text)}\n`);
  }

  warn(text: string): void {
    this.stderr.write(`${this.colors.yellow('warning')}: ${text}\n`);
  }

  /** The command's result: `render()` for people, `data` as one JSON document for scripts. */
  result(data: unknown, render: () => string | string[]): void {
    if (this.json) {
      this.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
      return;
    }
    if (this.quiet) return;
    const text = render();
    this.stdout.write(`${Array.isArray(text) ? text.join('\n') : text}\n`);
  }
}
