/** Writing to the console without dying when the reader has gone (`galley build … | head`). */

let stdoutGone = false;
let stderrGone = false;

// A closed pipe is not an error of the build: stop writing to it and let the build finish its files.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  stdoutGone = true;
});
process.stderr.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  stderrGone = true;
});

/** Prints to stdout, unless its reader has closed the pipe. */
export function say(text: string): void {
  if (!stdoutGone && !process.stdout.destroyed) process.stdout.write(text);
}

/** Prints to stderr, unless its reader has closed the pipe. */
export function complain(text: string): void {
  if (!stderrGone && !process.stderr.destroyed) process.stderr.write(text);
}
