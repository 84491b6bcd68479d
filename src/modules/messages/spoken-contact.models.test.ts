import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { readEmail, readPhoneNumber, speakPhoneNumber } from './spoken-contact.models.ts'

describe('a callback number as the caller said it', () => {
  const read = (spoken: string) => readPhoneNumber(spoken, 'US')

  it('turns digits said as words, "oh" for zero, into E.164 read back in groups', () => {
    assert.deepEqual(read('three one two, five five five, oh one four two'), {
      ok: true,
      e164: '+13125550142',
      spoken: 'three one two, five five five, zero one four two',
    })
  })

  it('understands "plus one", "double", tens and typed forms', () => {
    for (const spoken of [
      'plus one three one two five five five zero one four two',
      '312 double five 5 oh one forty two',
      '(312) 555-0142',
      '+1 312 555 0142',
      "uh it's three one two, um, five five five, zero one four two",
    ]) {
      assert.equal((read(spoken) as { e164: string }).e164, '+13125550142', spoken)
    }
  })

  it('keeps the corrected group after "sorry, I mean" and drops a group said twice', () => {
    assert.equal(
      (read('three one two, five five four, sorry, I mean five five five, oh one four two') as any).e164,
      '+13125550142',
    )
    assert.equal((read('three one two, three one two, five five five, oh one four two') as any).e164, '+13125550142')
    assert.equal((read('three one two, five five five five, oh one four two') as any).e164, '+13125550142')
    assert.equal(
      (read('three one two five five five oh one four, sorry, I mean oh one four two') as any).e164,
      '+13125550142',
    )
  })

  it("reads another country's number with its country code", () => {
    assert.deepEqual(read('plus four four two zero seven nine four six zero one two three'), {
      ok: true,
      e164: '+442079460123',
      spoken: 'plus four four, two zero, seven nine four six, zero one two three',
    })
    assert.equal(speakPhoneNumber('+13125550142', 'US'), 'three one two, five five five, zero one four two')
  })

  it("takes the names of what every object has for words, not for digits ('constructor', 'toString')", () => {
    assert.deepEqual(read('constructor'), { ok: false, heard: '' })
    assert.equal(
      (read('toString three one two five five five oh one four two') as { e164: string }).e164,
      '+13125550142',
    )
    assert.equal(
      (readEmail('constructor at example dot com') as { address: string }).address,
      'constructor@example.com',
    )
  })

  it('says what it heard when the number is too short', () => {
    assert.deepEqual(read('five five five, two one two'), { ok: false, heard: '555212' })
    assert.deepEqual(read('call me'), { ok: false, heard: '' })
  })
})

describe('an e-mail address as the caller said it', () => {
  it('turns "at" and "dot" into the address and reads it back', () => {
    assert.deepEqual(readEmail('Grace dot Hopper at navy dot example dot com'), {
      ok: true,
      address: 'grace.hopper@navy.example.com',
      spoken: 'grace dot hopper, at, navy dot example dot com',
    })
    assert.equal((readEmail('g r a c e underscore one at example dot org') as any).address, 'grace_1@example.org')
    assert.equal((readEmail('grace@example.org') as any).address, 'grace@example.org')
  })

  it('refuses what is not an address', () => {
    assert.deepEqual(readEmail('grace at example'), { ok: false, heard: 'grace@example' })
    assert.equal(readEmail('grace dot dot hopper at example dot com').ok, false)
  })
})
