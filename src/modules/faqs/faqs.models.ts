import type { faqs } from '../../infra/db/schema.ts'

// An FAQ between the public shape ({question, answer}) and its row.

export type FaqRow = typeof faqs.$inferSelect
export type FaqApi = { question: string; answer: string }

const clean = (text: string) => text.trim().replace(/\s+/g, ' ')

export const faqFromApi = (faq: FaqApi) => ({ question: clean(faq.question), answer: clean(faq.answer) })
export const faqToApi = (row: Pick<FaqRow, 'question' | 'answer'>) => ({ question: row.question, answer: row.answer })
