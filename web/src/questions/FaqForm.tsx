import { Anchor, Stack, Text, Textarea } from '@mantine/core'
import { type FormEvent, useState } from 'react'
import { Link } from 'react-router'
import { FormActions, SaveError } from '../shared/FormParts.tsx'
import type { Faq, FaqInput } from './faqs.queries.ts'

/** An unanswered question being answered: its id closes it, its tool hints at a better page. */
export type OpenQuestion = { id: string; question: string; tool?: string }

type Props = {
  restaurantId: string
  faq?: Faq
  unanswered?: OpenQuestion
  saving: boolean
  error?: Error | null
  onSave: (body: FaqInput) => void
  onDelete?: () => void
  deleting?: boolean
}

const DATA_PAGES: Record<string, { label: string; path: string }> = {
  get_menu_info: { label: 'Menu', path: 'menu' },
  get_modifiers_info: { label: 'Menu', path: 'menu' },
  get_hours_info: { label: 'Hours', path: 'hours' },
  get_zones_info: { label: 'Delivery zones', path: 'zones' },
}

/** A question and the answer callers hear; labelled Question, Answer, with Save. */
export function FaqForm({ restaurantId, faq, unanswered, saving, error, onSave, onDelete, deleting }: Props) {
  const [question, setQuestion] = useState(faq?.question ?? unanswered?.question ?? '')
  const [answer, setAnswer] = useState(faq?.answer ?? '')
  const dataPage = unanswered?.tool ? DATA_PAGES[unanswered.tool] : undefined
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onSave({
      question: question.trim(),
      answer: answer.trim(),
      ...(unanswered ? { from_unanswered: unanswered.id } : {}),
    })
  }
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <SaveError error={error} />
        <Textarea
          label="Question"
          description="As a caller might ask it; other wordings find it too"
          required
          autosize
          minRows={1}
          value={question}
          onChange={(e) => setQuestion(e.currentTarget.value)}
        />
        <Textarea
          label="Answer"
          description="What the assistant tells the caller"
          required
          autosize
          minRows={3}
          value={answer}
          onChange={(e) => setAnswer(e.currentTarget.value)}
          data-autofocus
        />
        {dataPage && (
          <Text size="sm" c="dimmed">
            {'If the answer belongs in your '}
            <Anchor component={Link} to={`/r/${restaurantId}/${dataPage.path}?${new URLSearchParams({ question })}`}>
              {dataPage.label}
            </Anchor>
            {', change it there instead: the assistant reads it from there first.'}
          </Text>
        )}
        <FormActions saving={saving} deleteLabel="Delete question" onDelete={onDelete} deleting={deleting} />
      </Stack>
    </form>
  )
}
