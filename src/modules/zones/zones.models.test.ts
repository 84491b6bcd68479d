import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { postalCodesIn, type Zone } from './zones.models.ts'
import { answerZonesQuestion } from './zones-answer.models.ts'

const zone = (
  name: string,
  deliveryFee: number,
  minOrder: number | null,
  postalCodes: string[],
  description: string | null = null,
): Zone => ({ name, description, deliveryFee, minOrder, postalCodes })

const SF = [
  zone('Mission District', 2.99, 15, ['94110'], 'Flat fee in the Mission'),
  zone('SoMa', 4.99, 25, ['94103', '94107'], 'South of Market'),
  zone('Noe Valley', 5.99, 25, ['94114', '94131'], 'Noe Valley and Glen Park'),
]
const LONDON = [zone('Westminster', 0, 20, ['SW1A', 'SW1P']), zone('Camden', 3, null, ['NW1'])]

const ask = (query: string, zones = SF) => answerZonesQuestion({ zones, query, currency: 'USD' })

describe('delivery zones by postcode', () => {
  it('picks the zone that lists the postcode', () => {
    assert.equal(
      ask("what's the delivery fee for 94107").result,
      'Yes, we deliver to 94107, in our SoMa zone: delivery is $4.99, with a $25 minimum order.',
    )
  })

  it('reads ZIP+4, spoken digits and UK postcodes by their outward code', () => {
    assert.match(ask('deliver to 94110-1234?').result, /Mission District zone/)
    assert.match(ask('do you deliver to 9 4 1 1 4').result, /94114, in our Noe Valley zone/)
    assert.equal(
      ask('can you deliver to sw1a 1aa', LONDON).result,
      'Yes, we deliver to SW1A 1AA, in our Westminster zone: delivery is free, with a $20 minimum order.',
    )
    assert.match(
      ask('delivery to NW1 please', LONDON).result,
      /^Yes, we deliver to NW1, in our Camden zone: delivery is \$3\.$/,
    )
  })

  it('says no for an unknown postcode and names at most three zones', () => {
    const many = [...SF, zone('Marina', 6, 30, ['94123']), zone('Sunset', 6, 30, ['94122'])]
    assert.equal(
      ask('do you deliver to 60601', many).result,
      "Sorry, we don't deliver to 60601. We deliver to Mission District, SoMa, Noe Valley and 2 other areas.",
    )
  })

  it("takes the names of what every object has for words ('constructor', 'hasOwnProperty'), not letters", () => {
    for (const query of ['constructor', 'do you deliver to constructor street', 'hasOwnProperty 94110']) {
      const answer = ask(query)
      assert.doesNotMatch(answer.result, /function|native code/, query)
    }
    assert.match(ask('hasOwnProperty 94110').result, /Mission District/)
  })

  it('does not take clock times or street numbers for postcodes', () => {
    assert.deepEqual(postalCodesIn('can you deliver before 7pm to 2nd street'), [])
  })
})

describe('delivery zones by name', () => {
  it('finds a zone from part of its name and allows speech slips', () => {
    assert.match(
      ask('do you deliver to the mission').result,
      new RegExp(
        String.raw`^Yes, we deliver to Mission District \(Flat fee in the Mission\): ` +
          String.raw`delivery is \$2\.99, with a \$15 minimum order\.$`,
      ),
    )
    assert.match(ask('delivery to noe valey').result, /^Yes, we deliver to Noe Valley/)
    assert.match(ask('how much to so ma').result, /^Yes, we deliver to SoMa/)
  })

  it('finds a zone by a place its description names', () => {
    assert.match(ask('do you deliver to glen park').result, /^Yes, we deliver to Noe Valley/)
  })

  it('does not match on a generic word alone', () => {
    const chicago = [zone('Wicker Park', 0, 30, ['60622']), zone('West Loop', 6, 35, ['60607'])]
    assert.match(
      ask('is delivery free to wicker park', chicago).result,
      /^Yes, we deliver to Wicker Park: delivery is free, with a \$30 minimum order\.$/,
    )
    const vague = ask('do you deliver to the park', chicago)
    assert.match(vague.result, /^Sorry, park isn't one of our delivery areas/)
    assert.equal(vague.unanswered, true)
  })

  it('lists every zone with its fee and minimum for a general question', () => {
    assert.equal(
      ask('where do you deliver').result,
      'We deliver to 3 areas: Mission District, $2.99 delivery, $15 minimum order; ' +
        'SoMa, $4.99 delivery, $25 minimum order; Noe Valley, $5.99 delivery, $25 minimum order.',
    )
  })

  it('says when no delivery areas are on file', () => {
    const answer = ask('do you deliver', [])
    assert.equal(answer.unanswered, true)
    assert.match(answer.result, /don't have any delivery areas on file/)
  })
})

describe('postcodes and areas as people say them', () => {
  const VANCOUVER = [
    zone('Gastown', 3, 20, ['V6B'], 'Gastown and Chinatown'),
    zone('Mount Pleasant', 4, 25, ['V5T', 'V5V'], 'Mount Pleasant, Main Street and Fraserhood'),
  ]
  const EAST_LONDON = [
    zone('Whitechapel', 2, 15, ['E1'], 'Whitechapel and Spitalfields'),
    zone('Canary Wharf', 4, 25, ['E14'], 'The Isle of Dogs'),
  ]
  const NEW_YORK = [
    zone('Upper East Side', 5, 30, ['10021', '10028']),
    zone('Lower East Side', 4, 25, ['10002'], 'LES, Chinatown and Two Bridges'),
  ]

  it('finds the district of a full Canadian postcode, with or without its space', () => {
    assert.match(ask('do you deliver to v6b1a1', VANCOUVER).result, /^Yes, we deliver to V6B 1A1, in our Gastown zone/)
    assert.match(ask('my postal code is V5T 2K8', VANCOUVER).result, /in our Mount Pleasant zone/)
    assert.match(ask('what about V7A 4R2', VANCOUVER).result, /^Sorry, we don't deliver to V7A 4R2\./)
  })

  it('finds the UK district of a full postcode without its space, and never a shorter district by prefix', () => {
    assert.match(ask('e145ab', EAST_LONDON).result, /^Yes, we deliver to E14 5AB, in our Canary Wharf zone/)
    assert.match(ask('do you deliver to E1 6AN', EAST_LONDON).result, /in our Whitechapel zone/)
    assert.match(ask('E16 1XL?', EAST_LONDON).result, /^Sorry, we don't deliver to E16 1XL\./)
  })

  it('joins spoken digits and reads ZIP+4', () => {
    assert.match(ask('deliver to one zero zero two eight', NEW_YORK).result, /Upper East Side zone/)
    assert.match(ask('1 0 0 2 1 please', NEW_YORK).result, /Upper East Side zone/)
    assert.match(ask('10002-3345', NEW_YORK).result, /Lower East Side zone/)
  })

  it('knows a zone by another name its description gives, or by its abbreviation', () => {
    assert.match(ask('do you deliver to fraserhood', VANCOUVER).result, /^Yes, we deliver to Mount Pleasant/)
    assert.match(ask('how about the isle of dogs', EAST_LONDON).result, /^Yes, we deliver to Canary Wharf/)
    assert.match(ask('do you deliver to the ues', NEW_YORK).result, /^Yes, we deliver to Upper East Side/)
    assert.match(ask('delivery to the LES', NEW_YORK).result, /^Yes, we deliver to Lower East Side/)
  })
})
