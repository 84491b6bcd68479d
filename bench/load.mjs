// Runs one load in its own process, so the load generator never shares an event loop with the
// server it measures. Input: a JSON argument; output: one JSON line.
// Concurrency 1 uses a closed loop timed with performance.now() (autocannon reports whole
// milliseconds, too coarse for sub-millisecond routes); higher concurrency uses autocannon.
import http from 'node:http'
import autocannon from 'autocannon'

const options = JSON.parse(process.argv[2])

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

async function sequential({ url, duration, requests: [request] }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  const target = new URL(request.path, url)
  const latencies = []
  let non2xx = 0
  let errors = 0
  let id = 0
  const deadline = performance.now() + duration * 1000
  const started = performance.now()
  while (performance.now() < deadline) {
    const body = request.body?.replaceAll('[<id>]', `${process.pid}-${id++}`)
    const t0 = performance.now()
    const status = await new Promise((resolve) => {
      const req = http.request(target, { method: request.method, headers: request.headers, agent }, (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode))
      })
      req.on('error', () => resolve(0))
      req.end(body)
    })
    latencies.push(performance.now() - t0)
    if (status === 0) errors++
    else if (status < 200 || status >= 300) non2xx++
  }
  const elapsed = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  agent.destroy()
  return {
    requestsPerSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    total: latencies.length,
    non2xx,
    errors,
  }
}

async function concurrent(opts) {
  const result = await autocannon({ ...opts, idReplacement: true })
  const statuses = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, count]),
  )
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statuses,
  }
}

const figures = options.connections === 1 ? await sequential(options) : await concurrent(options)
console.log(JSON.stringify(figures))
