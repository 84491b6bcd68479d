import { Badge, Button, Card, Group, Modal, SimpleGrid, Stack, TagsInput, Text, TextInput } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import { type FormEvent, useState } from 'react'
import { useRestaurantCurrency, useRestaurantId } from '../restaurants/restaurant.queries.ts'
import { CallerQuestion } from '../shared/CallerQuestion.tsx'
import { FormActions, MoneyInput, SaveError } from '../shared/FormParts.tsx'
import { formatPrice } from '../shared/format.ts'
import { PageHeader } from '../shared/PageHeader.tsx'
import { EmptyState, ErrorState, LoadingState } from '../shared/states.tsx'
import { useZoneMutations, useZones, type Zone, type ZoneInput } from './zones.queries.ts'

export function ZonesPage() {
  const restaurantId = useRestaurantId()
  const zones = useZones(restaurantId)
  const currency = useRestaurantCurrency(restaurantId)
  const price = (value: number) => formatPrice(value, currency)
  const { save, remove } = useZoneMutations(restaurantId)
  const [editing, setEditing] = useState<{ zone?: Zone } | null>(null)
  const phone = useMediaQuery('(max-width: 36em)')
  const open = (zone?: Zone) => {
    save.reset()
    remove.reset()
    setEditing({ zone })
  }
  return (
    <>
      <PageHeader
        title="Delivery zones"
        description="Where you deliver, for how much, and the minimum order."
        actions={<Button onClick={() => open()}>Add zone</Button>}
      />
      <CallerQuestion hint="Add the zone or postal code that answers it." />
      {zones.isPending && <LoadingState />}
      {zones.isError && <ErrorState error={zones.error} />}
      {zones.data?.length === 0 && (
        <EmptyState title="No delivery zones">Callers hear that you do not deliver.</EmptyState>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        {zones.data?.map((zone) => (
          <Card withBorder padding="sm" key={zone.id} component="article" aria-label={zone.zone_name}>
            <Group justify="space-between" wrap="nowrap">
              <Text fw={600}>{zone.zone_name}</Text>
              <Button
                variant="light"
                size="compact-sm"
                onClick={() => open(zone)}
                aria-label={`Edit ${zone.zone_name}`}
              >
                Edit
              </Button>
            </Group>
            <Text size="sm">{`Fee ${price(zone.delivery_fee)} · minimum ${price(zone.min_order ?? 0)}`}</Text>
            {zone.description && (
              <Text size="sm" c="dimmed">
                {zone.description}
              </Text>
            )}
            <Group gap={4} mt={6}>
              {(zone.postal_codes ?? []).map((code) => (
                <Badge key={code} variant="outline" color="gray">
                  {code}
                </Badge>
              ))}
            </Group>
          </Card>
        ))}
      </SimpleGrid>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.zone ? `Edit ${editing.zone.zone_name}` : 'Add zone'}
        fullScreen={phone}
      >
        {editing && currency && (
          <ZoneForm
            zone={editing.zone}
            currency={currency}
            saving={save.isPending}
            error={save.error ?? remove.error}
            onSave={(body) => save.mutate({ itemId: editing.zone?.id, body }, { onSuccess: () => setEditing(null) })}
            onDelete={
              editing.zone ? () => remove.mutate(editing.zone!.id, { onSuccess: () => setEditing(null) }) : undefined
            }
          />
        )}
      </Modal>
    </>
  )
}

function ZoneForm({
  zone,
  saving,
  error,
  onSave,
  onDelete,
  currency,
}: {
  zone?: Zone
  currency: string
  saving: boolean
  error: Error | null
  onSave: (body: ZoneInput) => void
  onDelete?: () => void
}) {
  const [name, setName] = useState(zone?.zone_name ?? '')
  const [fee, setFee] = useState<number | string>(zone?.delivery_fee ?? 0)
  const [minimum, setMinimum] = useState<number | string>(zone?.min_order ?? '')
  const [codes, setCodes] = useState<string[]>(zone?.postal_codes ?? [])
  const [description, setDescription] = useState(zone?.description ?? '')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onSave({
      zone_name: name.trim(),
      delivery_fee: Number(fee) || 0,
      min_order: minimum === '' ? null : Number(minimum),
      postal_codes: codes,
      description: description.trim() || null,
    })
  }
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <SaveError error={error} />
        <TextInput label="Zone name" required value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <Group grow>
          <MoneyInput label="Delivery fee" currency={currency} value={fee} onChange={setFee} />
          <MoneyInput label="Minimum order" currency={currency} value={minimum} onChange={setMinimum} />
        </Group>
        <TagsInput label="Postal codes" placeholder="Type a code, press Enter" value={codes} onChange={setCodes} />
        <TextInput label="Description" value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
        <FormActions saving={saving} deleteLabel="Delete zone" onDelete={onDelete} />
      </Stack>
    </form>
  )
}
