// Preloaded into the bench's server process (node --import): a POST route that answers a constant
// for the webhook's own body, through the app's global hooks but none of its logic. It is the
// framework's cost of a JSON POST, the ceiling a cache-hit tool call can approach. Fastify
// announces each instance it creates on this diagnostics channel; the route is added before ready.
import diagnostics from 'node:diagnostics_channel'

const ANSWER = { results: [{ toolCallId: 'constant', result: 'The duck confit is $28.' }] }

diagnostics.subscribe('fastify.initialization', ({ fastify }) => {
  fastify.post('/bench/constant', { config: { rateLimit: false } }, async () => ANSWER)
})
