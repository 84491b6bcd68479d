import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { indexTable } from '../../cli/cli-output.ts'
import { chooseTool } from './tool-choice.models.ts'

describe('choosing the tool for a question asked without --tool', () => {
  it('sends hours, delivery and option questions to their tools, and everything else to the menu', () => {
    assert.equal(chooseTool('Are you open on Sunday?'), 'get_hours_info')
    assert.equal(chooseTool('what time do you close tonight'), 'get_hours_info')
    assert.equal(chooseTool('Do you deliver to 10011?'), 'get_zones_info')
    assert.equal(chooseTool('can I add extra cheese'), 'get_modifiers_info')
    assert.equal(chooseTool('how much is the duck confit'), 'get_menu_info')
    assert.equal(chooseTool("what's vegetarian"), 'get_menu_info')
  })
})

describe('the index status table', () => {
  it('shows documents, embedded and pending per model, the current one marked', () => {
    const status = {
      models: [
        { model: 'text-embedding-3-small', current: true, documents: 12, embedded: 3, pending: 9 },
        { model: 'local-lexical-v1', current: false, documents: 12, embedded: 12, pending: 0 },
      ],
    }
    assert.equal(
      indexTable(status),
      [
        'model                             documents  embedded  pending',
        'text-embedding-3-small (current)  12         3         9',
        'local-lexical-v1                  12         12        0',
      ].join('\n'),
    )
  })
})
