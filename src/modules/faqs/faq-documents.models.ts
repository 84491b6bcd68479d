import { document, type KnowledgeDocument } from '../knowledge/knowledge-documents.models.ts'
import { conceptsIn } from './faq-concepts.models.ts'
import type { FaqRow } from './faqs.models.ts'

export type FaqMetadata = { question: string; answer: string; concepts: string[]; position: number }

/**
 * An FAQ as a searchable document: its question and answer, plus the names of the concepts they
 * mention, so that a caller's other words for the same thing ("my car" for "parking") meet it in
 * both the vector and the full-text search.
 */
export function faqDocument(row: Pick<FaqRow, 'id' | 'question' | 'answer' | 'position'>): KnowledgeDocument {
  const { concepts } = conceptsIn(`${row.question} ${row.answer}`)
  const metadata: FaqMetadata = { question: row.question, answer: row.answer, concepts, position: row.position }
  return document(
    'faqs',
    row.id,
    row.question,
    [row.question, row.answer, concepts.length > 0 && `(${concepts.join(' ')})`],
    metadata,
  )
}
