import { Badge, Button, Card, Group, Modal, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import { useState } from 'react'
import { useOpenStatus } from '../hours/hours.queries.ts'
import { useRestaurant, useRestaurantId } from '../restaurants/restaurant.queries.ts'
import { CallerQuestion } from '../shared/CallerQuestion.tsx'
import { formatPrice } from '../shared/format.ts'
import { PageHeader } from '../shared/PageHeader.tsx'
import { EmptyState, ErrorState, LoadingState } from '../shared/states.tsx'
import { MenuImport } from './MenuImport.tsx'
import { MenuItemForm } from './MenuItemForm.tsx'
import { Modifiers } from './Modifiers.tsx'
import { groupByCategory, type MenuItem, useMenuItems, useMenuMutations } from './menu.queries.ts'
import { formatBackAt } from './sold-out.ts'

type Editing = { item?: MenuItem } | null

export function MenuPage() {
  const restaurantId = useRestaurantId()
  const items = useMenuItems(restaurantId)
  const { save, remove, setAvailability } = useMenuMutations(restaurantId)
  const restaurant = useRestaurant(restaurantId).data
  const timeZone = restaurant?.timezone ?? 'UTC'
  const currency = restaurant?.currency
  // "Sold out tonight" lasts until the first opening after today; unknown without opening hours.
  const tonightUntil = useOpenStatus(restaurantId).data?.next_opening_after_today ?? undefined
  const [editing, setEditing] = useState<Editing>(null)
  const phone = useMediaQuery('(max-width: 36em)')

  const open = (item?: MenuItem) => {
    save.reset()
    remove.reset()
    setEditing({ item })
  }
  const close = () => setEditing(null)
  const groups = groupByCategory(items.data ?? [])

  return (
    <>
      <PageHeader
        title="Menu"
        description="What callers hear about your dishes. Changes reach the next call."
        actions={
          <>
            <MenuImport restaurantId={restaurantId} currentItems={items.data?.length ?? 0} />
            <Button onClick={() => open()}>Add item</Button>
          </>
        }
      />
      <CallerQuestion hint="Add or change the dish that answers it." />
      {items.isPending && <LoadingState />}
      {items.isError && <ErrorState error={items.error} />}
      {items.data?.length === 0 && <EmptyState title="No menu items yet">Add your first dish.</EmptyState>}
      <Stack gap="lg">
        {groups.map((group) => (
          <section key={group.category} aria-labelledby={`category-${group.category}`}>
            <Title order={2} size="h4" mb="xs" id={`category-${group.category}`}>
              {group.category}
            </Title>
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs">
              {group.items.map((item) => (
                <MenuItemCard
                  key={item.id}
                  item={item}
                  timeZone={timeZone}
                  currency={currency}
                  onEdit={() => open(item)}
                  onSoldOutTonight={
                    tonightUntil
                      ? () => setAvailability.mutate({ itemId: item.id, availableAgainAt: tonightUntil })
                      : undefined
                  }
                  onBackOnSale={() => setAvailability.mutate({ itemId: item.id, availableAgainAt: 'now' })}
                />
              ))}
            </SimpleGrid>
          </section>
        ))}
      </Stack>
      <Modifiers restaurantId={restaurantId} />
      <Modal
        opened={editing !== null}
        onClose={close}
        title={editing?.item ? `Edit ${editing.item.name}` : 'Add item'}
        fullScreen={phone}
      >
        {editing && currency && (
          <MenuItemForm
            item={editing.item}
            categories={groups.map((g) => g.category)}
            saving={save.isPending}
            error={save.error ?? remove.error}
            onSave={(body) => save.mutate({ itemId: editing.item?.id, body }, { onSuccess: close })}
            onDelete={editing.item ? () => remove.mutate(editing.item!.id, { onSuccess: close }) : undefined}
            deleting={remove.isPending}
            timeZone={timeZone}
            currency={currency}
            tonightUntil={tonightUntil}
          />
        )}
      </Modal>
    </>
  )
}

type CardProps = {
  item: MenuItem
  timeZone: string
  /** Undefined until the restaurant loads: the price shows "—". */
  currency: string | undefined
  onEdit: () => void
  /** Absent while the next opening is unknown (no hours on file). */
  onSoldOutTonight?: () => void
  onBackOnSale: () => void
}

function MenuItemCard({ item, timeZone, currency, onEdit, onSoldOutTonight, onBackOnSale }: CardProps) {
  const soldOut = item.available === false
  return (
    <Card withBorder padding="sm" component="article" aria-label={item.name}>
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
        <Text fw={600}>{item.name}</Text>
        <Text fw={600} style={{ whiteSpace: 'nowrap' }}>
          {formatPrice(item.price, currency)}
        </Text>
      </Group>
      {item.description && (
        <Text size="sm" c="dimmed" lineClamp={2}>
          {item.description}
        </Text>
      )}
      <Group justify="space-between" mt={6} gap="xs" wrap="wrap" align="flex-end">
        <Group gap={4}>
          {soldOut && (
            <Badge color="red" variant="filled">
              Sold out
            </Badge>
          )}
          {soldOut && item.available_again_at && (
            <Text size="xs" c="red.8" fw={600}>
              {`back at ${formatBackAt(item.available_again_at, timeZone)}`}
            </Text>
          )}
          {item.dietary?.map((tag) => (
            <Badge key={tag} variant="light" color="green">
              {tag}
            </Badge>
          ))}
          {item.allergens?.map((tag) => (
            <Badge key={tag} variant="outline" color="gray">
              {`contains ${tag}`}
            </Badge>
          ))}
        </Group>
        <Group gap={4} wrap="nowrap" ml="auto" style={{ flexShrink: 0 }}>
          {soldOut ? (
            <Button variant="subtle" size="compact-sm" onClick={onBackOnSale} aria-label={`Back on sale: ${item.name}`}>
              Back on sale
            </Button>
          ) : (
            onSoldOutTonight && (
              <Button
                variant="subtle"
                color="red"
                size="compact-sm"
                onClick={onSoldOutTonight}
                aria-label={`Sold out tonight: ${item.name}`}
              >
                Sold out tonight
              </Button>
            )
          )}
          <Button variant="light" size="compact-sm" onClick={onEdit} aria-label={`Edit ${item.name}`}>
            Edit
          </Button>
        </Group>
      </Group>
    </Card>
  )
}
