import { NumberInput, SegmentedControl, SimpleGrid, Text } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { api, type paths, unwrap } from '../api/client.ts'
import { restaurantKey } from '../restaurants/restaurant.queries.ts'
import { FormActions, FormCard, MoneyInput } from '../shared/FormParts.tsx'

type Restaurant = paths['/api/restaurants/{id}']['get']['responses']['200']['content']['application/json']
type Payments = NonNullable<Restaurant['settings']['payments']>
type Mode = Payments['mode']

const MODES: { value: Mode; label: string }[] = [
  { value: 'at_pickup', label: 'At pickup' },
  { value: 'link', label: 'Link, every order' },
  { value: 'link_above', label: 'Link above an amount' },
]

/** settings.payments: when callers pay by a texted Stripe link before the kitchen sees the order. */
export function PaymentSettingsCard({ restaurantId, restaurant }: { restaurantId: string; restaurant: Restaurant }) {
  const queryClient = useQueryClient()
  const current = restaurant.settings.payments
  const [mode, setMode] = useState<Mode>(current?.mode ?? 'at_pickup')
  const [above, setAbove] = useState<string | number>(current?.link_above_amount ?? 30)
  const [expire, setExpire] = useState<string | number>(current?.expire_minutes ?? 30)
  const [unpaid, setUnpaid] = useState<'cancel' | 'pay_at_pickup'>(current?.unpaid ?? 'cancel')
  const save = useMutation({
    mutationFn: (payments: Payments) =>
      unwrap(
        api.PUT('/api/restaurants/{id}', {
          params: { path: { id: restaurantId } },
          body: { name: restaurant.name, settings: { ...restaurant.settings, payments } },
        }),
      ),
    onSuccess: (data) => queryClient.setQueryData(restaurantKey(restaurantId), data),
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    save.mutate({
      mode,
      ...(mode === 'link_above' ? { link_above_amount: typeof above === 'number' ? above : 0 } : {}),
      expire_minutes: typeof expire === 'number' ? expire : 30,
      unpaid,
    })
  }
  const links = mode !== 'at_pickup'
  return (
    <FormCard title="Payments" error={save.error} saved={save.isSuccess && 'Saved.'} onSubmit={submit}>
      <Text size="sm" c="dimmed">
        With a link, the caller gets a Stripe payment link by text and the kitchen sees the order once it is paid.
        Delivery orders always get a link unless payment is at pickup.
      </Text>
      <SegmentedControl
        aria-label="When callers pay"
        value={mode}
        onChange={(value) => setMode(value as Mode)}
        data={MODES}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <MoneyInput
          label={`Link for orders above (${restaurant.currency})`}
          currency={restaurant.currency}
          value={above}
          onChange={setAbove}
          disabled={mode !== 'link_above'}
        />
        <NumberInput
          label="Link expires after (minutes)"
          description="Reminders at 5, 10 and 20 minutes"
          min={30}
          max={1440}
          allowDecimal={false}
          value={expire}
          onChange={setExpire}
          disabled={!links}
        />
      </SimpleGrid>
      <SegmentedControl
        aria-label="When the link expires unpaid"
        value={unpaid}
        onChange={(value) => setUnpaid(value as 'cancel' | 'pay_at_pickup')}
        disabled={!links}
        data={[
          { value: 'cancel', label: 'Unpaid: cancel' },
          { value: 'pay_at_pickup', label: 'Unpaid: pay at pickup' },
        ]}
      />
      <FormActions saving={save.isPending} />
    </FormCard>
  )
}
