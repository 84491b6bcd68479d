import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { LOCAL_EMBEDDING_MODEL } from '../../infra/embeddings/local-embeddings.ts'
import type { SearchRow } from '../knowledge/knowledge.repository.ts'
import { answerFromFaqs, DONT_KNOW, questionTerms } from './faq-answers.models.ts'
import { faqDocument } from './faq-documents.models.ts'
import { questionStart } from './question-focus.models.ts'

/** FAQs as the search returns them; the vector score does not decide relevance with the lexical model. */
function faqRows(pairs: [string, string][], first = 0): SearchRow[] {
  return pairs.map(([question, answer], i) => {
    const doc = faqDocument({
      id: `00000000-0000-4000-8000-${String(first + i).padStart(12, '0')}`,
      question,
      answer,
      position: i,
    })
    return {
      sourceId: doc.sourceId,
      title: doc.title,
      content: doc.content,
      metadata: doc.metadata,
      vectorScore: 0,
      textScore: 0,
      nameScore: 0,
    }
  })
}

const faqs = faqRows([
  ['Is there parking?', 'Street parking only, on 18th Street.'],
  ['Do you have an outdoor patio?', 'Our patio is open from May to September.'],
  ['Can I bring my own wine?', 'Corkage is 15 dollars per bottle.'],
  ['Are dogs allowed?', 'Dogs are welcome on the garden terrace.'],
  ['Is the restaurant wheelchair accessible?', 'Yes, the entrance has a ramp and the restrooms are accessible.'],
])
const ask = (query: string) => answerFromFaqs({ query, rows: faqs, model: LOCAL_EMBEDDING_MODEL })

describe('FAQ answers', () => {
  it("finds the FAQ in the caller's own words, through the concepts both mention", () => {
    assert.match(ask('where do I leave the car').result, /Street parking/)
    assert.match(ask('whats the corkage').result, /Corkage is 15/)
    assert.match(ask('can we sit outside').result, /patio is open/)
  })

  it('says it does not know rather than reading an FAQ about something else', () => {
    for (const query of ['are you open on christmas', 'do you have a helipad', 'is there a kids menu']) {
      const answer = ask(query)
      assert.equal(answer.result, DONT_KNOW, query)
      assert.equal(answer.unanswered, true)
    }
  })

  it('reads an FAQ only when it covers every concept the caller named', () => {
    // The terrace is in two FAQs, smoking in none: neither answers.
    assert.equal(ask('can I smoke on the terrace').result, DONT_KNOW)
    assert.match(ask('can I bring my dog on the terrace').result, /Dogs are welcome/)
    assert.match(ask('is the terrace open').result, /patio is open|Dogs are welcome/)
  })

  it('decides on what the question asks, not on what the caller says before asking', () => {
    for (const query of [
      'my dad uses a wheelchair, can he get in easily?',
      'My mother is in a wheelchair. How does she get inside without trouble?',
      'we are bringing grandpa who uses a wheelchair is it easy for him to get in',
    ])
      assert.match(ask(query).result, /ramp/, query)
    // The question proper decides: not the wheelchair FAQ for another question after the same words.
    assert.match(ask('my dad uses a wheelchair, is there parking nearby').result, /Street parking/)
    for (const query of [
      'my dad uses a wheelchair, can he smoke inside',
      'my dad uses a wheelchair, is there a helipad',
    ])
      assert.equal(ask(query).result, DONT_KNOW, query)
  })

  it('finds where the question starts after a clause of context', () => {
    const start = (text: string) => questionStart(text.split(' '))
    assert.equal(start('my dad uses a wheelchair can he get in easily'), 5)
    assert.equal(start('my mother uses a wheelchair how does she get in'), 5)
    assert.equal(start('my dad uses a wheelchair what time do you close'), 5)
    assert.equal(start('which wine do you recommend'), 0, 'a question from its first word')
    assert.equal(start('can my mother get in with a wheelchair'), 0)
    assert.equal(start('the patio'), 0)
  })

  it('weighs the topic of a question over its circumstances', () => {
    const terms = questionTerms('can my mother get in with a wheelchair')
    const { key, weight, concept, focus } = terms[0]!
    assert.deepEqual({ key, weight, concept, focus }, { key: 'accessibility', weight: 2, concept: true, focus: true })
    assert.ok(
      terms.every((term) => term.key !== 'wheelchair'),
      'the concept stands for its word',
    )
  })
  it('finds an FAQ by meaning only with a second signal, and only when one FAQ is found so', () => {
    const rows = faqRows(
      [
        ['Can I bring my own wine?', "No, we don't allow BYOB, but we have a full wine list."],
        ['Do you have high chairs?', 'Yes, we have four high chairs.'],
      ],
      10,
    )
    const askThese = (query: string) => answerFromFaqs({ query, rows, model: LOCAL_EMBEDDING_MODEL }).result
    // "bottle" is near "wine" in the vectors, and "bring" is in the FAQ's own question.
    assert.match(askThese('can we bring a bottle with us'), /BYOB/)
    // Near in meaning, but nothing else of the question is in the FAQ: not found.
    for (const query of ['do you serve beer', 'is there a bottle shop nearby', 'can we bring a bottle and a cake'])
      assert.equal(askThese(query), DONT_KNOW, query)
  })

  it('finds an FAQ through WordNet synonyms of its words, and not through their rare senses', () => {
    const rows = faqRows([['Do you offer a student discount?', 'Yes, ten percent off with a student card.']], 20)
    const askThese = (query: string) => answerFromFaqs({ query, rows, model: LOCAL_EMBEDDING_MODEL }).result
    assert.match(askThese('is there a rebate for pupils'), /ten percent off/)
    assert.equal(askThese('do you sell bus passes'), DONT_KNOW)
  })
})
