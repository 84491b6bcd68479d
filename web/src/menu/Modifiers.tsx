import { Button, Card, Group, Modal, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import { type FormEvent, useState } from 'react'
import { useRestaurantCurrency } from '../restaurants/restaurant.queries.ts'
import { FormActions, MoneyInput, SaveError } from '../shared/FormParts.tsx'
import { formatPrice } from '../shared/format.ts'
import { EmptyState, ErrorState, LoadingState } from '../shared/states.tsx'
import { type Modifier, type ModifierInput, useModifierMutations, useModifiers } from './modifiers.queries.ts'

/** Options and extras callers can add to a dish, with their prices (what the modifiers tool reads). */
export function Modifiers({ restaurantId }: { restaurantId: string }) {
  const modifiers = useModifiers(restaurantId)
  const currency = useRestaurantCurrency(restaurantId)
  const { save, remove } = useModifierMutations(restaurantId)
  const [editing, setEditing] = useState<{ modifier?: Modifier } | null>(null)
  const phone = useMediaQuery('(max-width: 36em)')
  const open = (modifier?: Modifier) => {
    save.reset()
    remove.reset()
    setEditing({ modifier })
  }
  const close = () => setEditing(null)
  return (
    <section aria-labelledby="modifiers-heading">
      <Group justify="space-between" mt="xl" mb="xs">
        <Title order={2} size="h4" id="modifiers-heading">
          Options and extras
        </Title>
        <Button variant="light" size="compact-sm" onClick={() => open()}>
          Add option
        </Button>
      </Group>
      {modifiers.isPending && <LoadingState />}
      {modifiers.isError && <ErrorState error={modifiers.error} />}
      {modifiers.data?.length === 0 && <EmptyState title="No options yet">Extra cheese, a side of fries…</EmptyState>}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs">
        {modifiers.data?.map((modifier) => (
          <Card withBorder padding="sm" key={modifier.id} component="article" aria-label={modifier.name}>
            <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
              <div>
                <Text fw={600}>{modifier.name}</Text>
                {modifier.description && (
                  <Text size="sm" c="dimmed" lineClamp={2}>
                    {modifier.description}
                  </Text>
                )}
              </div>
              <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
                <Text fw={600}>{`+${formatPrice(modifier.price, currency)}`}</Text>
                <Button
                  variant="light"
                  size="compact-sm"
                  onClick={() => open(modifier)}
                  aria-label={`Edit ${modifier.name}`}
                >
                  Edit
                </Button>
              </Group>
            </Group>
          </Card>
        ))}
      </SimpleGrid>
      <Modal
        opened={editing !== null}
        onClose={close}
        title={editing?.modifier ? `Edit ${editing.modifier.name}` : 'Add option'}
        fullScreen={phone}
      >
        {editing && currency && (
          <ModifierForm
            modifier={editing.modifier}
            currency={currency}
            saving={save.isPending}
            error={save.error ?? remove.error}
            onSave={(body) => save.mutate({ itemId: editing.modifier?.id, body }, { onSuccess: close })}
            onDelete={editing.modifier ? () => remove.mutate(editing.modifier!.id, { onSuccess: close }) : undefined}
          />
        )}
      </Modal>
    </section>
  )
}

function ModifierForm({
  modifier,
  saving,
  error,
  onSave,
  onDelete,
  currency,
}: {
  modifier?: Modifier
  currency: string
  saving: boolean
  error: Error | null
  onSave: (body: ModifierInput) => void
  onDelete?: () => void
}) {
  const [name, setName] = useState(modifier?.name ?? '')
  const [price, setPrice] = useState<number | string>(modifier?.price ?? '')
  const [description, setDescription] = useState(modifier?.description ?? '')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onSave({
      name: name.trim(),
      price: Number(price),
      description: description.trim() || null,
    })
  }
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <SaveError error={error} />
        <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <MoneyInput label="Price" currency={currency} required value={price} onChange={setPrice} />
        <TextInput label="Description" value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
        <FormActions saving={saving} deleteLabel="Delete option" onDelete={onDelete} />
      </Stack>
    </form>
  )
}
