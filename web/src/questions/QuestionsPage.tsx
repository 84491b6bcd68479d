import { Button, Card, Group, Modal, Stack, Text, Title } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { useInsights } from '../insights/insights.queries.ts'
import { UnansweredList } from '../insights/UnansweredList.tsx'
import { useRestaurantId } from '../restaurants/restaurant.queries.ts'
import { PageHeader } from '../shared/PageHeader.tsx'
import { EmptyState, ErrorState, LoadingState } from '../shared/states.tsx'
import { FaqForm, type OpenQuestion } from './FaqForm.tsx'
import { type Faq, useFaqMutations, useFaqs } from './faqs.queries.ts'

type Editing = { faq?: Faq; unanswered?: OpenQuestion } | null

/**
 * The owner's questions and answers (parking, corkage, private rooms…), and the questions callers
 * asked that nothing answered yet: answering one here closes it, and the next caller hears the answer.
 */
export function QuestionsPage() {
  const restaurantId = useRestaurantId()
  const faqs = useFaqs(restaurantId)
  const insights = useInsights(restaurantId, 30)
  const { save, remove } = useFaqMutations(restaurantId)
  const [params, setParams] = useSearchParams()
  // Arriving from an "Answer" on Overview or Insights (?answer=<id>&question=…): that question, ready.
  const [editing, setEditing] = useState<Editing>(() => {
    const id = params.get('answer')
    if (!id) return null
    return { unanswered: { id, question: params.get('question') ?? '', tool: params.get('tool') ?? undefined } }
  })
  const phone = useMediaQuery('(max-width: 36em)')

  const open = (next: NonNullable<Editing>) => {
    save.reset()
    remove.reset()
    setEditing(next)
  }
  const close = () => {
    setEditing(null)
    // Done with the question it was opened for: a reload must not offer it again.
    if (params.has('answer')) setParams({}, { replace: true })
  }

  return (
    <>
      <PageHeader
        title="Questions"
        description="Answers to what callers ask beyond menu, hours and delivery."
        actions={<Button onClick={() => open({})}>Add question</Button>}
      />
      <Stack gap="lg">
        <section aria-labelledby="unanswered-heading">
          <Title order={2} size="h4" mb="xs" id="unanswered-heading">
            Callers asked, nobody answered
          </Title>
          {insights.isPending && <LoadingState />}
          {insights.isError && <ErrorState error={insights.error} />}
          {insights.data && (
            <UnansweredList
              restaurantId={restaurantId}
              unanswered={insights.data.unanswered}
              onAnswer={(entry) => open({ unanswered: entry })}
            />
          )}
        </section>
        <section aria-labelledby="faqs-heading">
          <Title order={2} size="h4" mb="xs" id="faqs-heading">
            Your answers
          </Title>
          {faqs.isPending && <LoadingState />}
          {faqs.isError && <ErrorState error={faqs.error} />}
          {faqs.data?.length === 0 && (
            <EmptyState title="No answers yet">
              Add what callers often ask: parking, payment, private rooms, bringing a cake…
            </EmptyState>
          )}
          <Stack gap="xs">
            {faqs.data?.map((faq) => (
              <FaqCard key={faq.id} faq={faq} onEdit={() => open({ faq })} />
            ))}
          </Stack>
        </section>
      </Stack>
      <Modal
        opened={editing !== null}
        onClose={close}
        title={editing?.faq ? 'Edit answer' : editing?.unanswered ? 'Answer a caller’s question' : 'Add question'}
        fullScreen={phone}
      >
        {editing && (
          <FaqForm
            restaurantId={restaurantId}
            faq={editing.faq}
            unanswered={editing.unanswered}
            saving={save.isPending}
            error={save.error ?? remove.error}
            onSave={(body) => save.mutate({ faqId: editing.faq?.id, body }, { onSuccess: close })}
            onDelete={editing.faq ? () => remove.mutate(editing.faq!.id, { onSuccess: close }) : undefined}
            deleting={remove.isPending}
          />
        )}
      </Modal>
    </>
  )
}

function FaqCard({ faq, onEdit }: { faq: Faq; onEdit: () => void }) {
  return (
    <Card withBorder padding="sm" component="article" aria-label={faq.question}>
      <Text fw={600}>{faq.question}</Text>
      <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
        {faq.answer}
      </Text>
      <Group justify="flex-end" mt={4}>
        <Button variant="light" size="compact-sm" onClick={onEdit} aria-label={`Edit “${faq.question}”`}>
          Edit
        </Button>
      </Group>
    </Card>
  )
}
