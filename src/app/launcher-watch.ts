/**
 * A process manager signals the process it started. `npm start` execs the server, so npm passes
 * SIGTERM and SIGINT on to it; but a launcher that ends without passing the signal on (npm killed
 * with SIGKILL, a wrapper shell) would leave the server serving, an orphan holding the port and
 * the data. So the server watches its parent and calls `onGone` once it has ended (the server is
 * then adopted by another process), as if it had been sent SIGTERM itself.
 */
export function watchLauncher(onGone: () => void, { intervalMs = 200 } = {}): () => void {
  const parent = process.ppid
  const timer = setInterval(() => {
    if (process.ppid === parent) return
    clearInterval(timer)
    onGone()
  }, intervalMs).unref()
  return () => clearInterval(timer)
}
