import { existsSync } from 'node:fs'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyReply } from 'fastify'
import type { AppInstance } from '../../shared/http.ts'
import { PROJECT_ROOT } from '../../shared/project-root.ts'

export const DASHBOARD_DIR = path.join(PROJECT_ROOT, 'web/dist')

/**
 * The dashboard's pages: scripts only from this origin, never inline. Mantine writes a few style
 * elements at run time, hence 'unsafe-inline' for styles only. /docs (swagger-ui) is served by its
 * own plugin outside this scope, so its inline bootstrap keeps working.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

function secureHeaders(reply: FastifyReply) {
  reply.header('content-security-policy', DASHBOARD_CSP)
  reply.header('x-content-type-options', 'nosniff')
  reply.header('referrer-policy', 'same-origin')
  reply.header('x-frame-options', 'DENY')
}

/**
 * Serves the built dashboard (web/dist) at `/`; any other non-API path is a page of the single-page
 * app and gets index.html. Hashed assets are cached for a year, index.html never.
 */
export async function setupDashboardRoutes(app: AppInstance, { root = DASHBOARD_DIR }: { root?: string } = {}) {
  const built = existsSync(path.join(root, 'index.html'))
  // Callback style: fastify queues the nested registration; nothing here needs awaiting.
  await app.register((scope, _options, done) => {
    scope.addHook('onSend', async (_request, reply) => secureHeaders(reply))
    if (built) {
      scope.register(fastifyStatic, {
        root,
        wildcard: false,
        index: false,
        preCompressed: true,
        setHeaders: (res: FastifyReply, file: string) => {
          const immutable = file.includes(`${path.sep}assets${path.sep}`)
          res.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
        },
      })
    }
    const page = (request: { url: string }, reply: FastifyReply) => {
      // The server's own paths keep their JSON 404 rather than the app's page (/metrics when it is off).
      const top = request.url.split(/[/?#]/)[1]
      if (top === 'api' || top === 'metrics' || top === 'docs') return reply.callNotFound()
      if (!built) {
        return reply
          .status(503)
          .type('text/plain')
          .send('The dashboard is not built: run `npm run build:web` (npm install does it).')
      }
      // A file the server started without (a rebuild's new hashes) is served from disk; one that
      // does not exist gets a 404, never the page (a browser would run HTML as a script).
      const pathname = decodeURIComponent(request.url.split('?')[0] ?? '/')
      if (/\.[a-z0-9]+$/i.test(pathname)) return reply.sendFile(pathname.slice(1))
      return reply.header('cache-control', 'no-cache').sendFile('index.html', root)
    }
    scope.get('/', { schema: { hide: true } }, page)
    scope.get('/*', { schema: { hide: true } }, page)
    done()
  })
}
