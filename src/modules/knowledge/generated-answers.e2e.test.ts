import assert from 'node:assert/strict'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { createTestApp, type TestApp, vapi } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/database.ts'
import { toolCall, toolCallsMessage } from '../vapi/vapi-test-utils.ts'
import { casesFor, exampleBundles, problemsWith } from './generated-cases.test-utils.ts'

// Questions generated from every example restaurant (price, a sounds-alike slip, a property from
// the tags or a "no …" description, "do you have", postcodes spoken three ways, options, FAQ
// paraphrases), asked through the webhook; the facts of each answer are checked, not its words.

const ROOT = path.resolve(import.meta.dirname, '../../..')
const AT = Date.parse('2026-12-09T18:00:00Z') // a Wednesday: every example restaurant's menu is on
const BATCH = 12

for (const backend of testBackends()) {
  describe(`generated questions over every example restaurant on ${backend.name}`, () => {
    let t: TestApp
    const bundles = exampleBundles(ROOT)
    before(async () => {
      t = await createTestApp(backend, { overrides: { clock: { now: () => new Date(AT) } } })
      for (const { bundle } of bundles) await t.createRestaurant(bundle)
    })
    after(async () => {
      await t.close()
    })

    for (const { file, bundle } of bundles) {
      it(`${file}: names the dish, its price and options, no false denial, the zone of every postcode`, async () => {
        const others = bundles.filter((other) => other.bundle !== bundle).map((other) => other.bundle)
        const cases = casesFor(bundle, { others })
        const zoneNames = (bundle.delivery_zones ?? []).map((zone) => zone.zone_name)
        const failures: string[] = []
        for (let start = 0; start < cases.length; start += BATCH) {
          const batch = cases.slice(start, start + BATCH)
          const response = await t.app.inject({
            method: 'POST',
            url: '/api/vapi/server',
            headers: vapi,
            payload: toolCallsMessage({
              number: bundle.phone_numbers?.[0],
              timestamp: AT,
              calls: batch.map((c, i) => toolCall(`g${i}`, c.tool, c.query)),
            }),
          })
          assert.equal(response.statusCode, 200)
          const results: { result: string }[] = response.json().results
          batch.forEach((c, i) => {
            const problems = problemsWith(c, results[i]!.result, zoneNames)
            if (problems.length > 0)
              failures.push(`${c.tool} "${c.query}" → ${results[i]!.result} ✗ ${problems.join('; ')}`)
          })
        }
        assert.deepEqual(failures, [], `${failures.length} of ${cases.length} answers are wrong`)
      })
    }
  })
}
