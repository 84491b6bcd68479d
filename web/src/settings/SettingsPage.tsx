import { Alert, Button, Card, Code, CopyButton, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { api, unwrap } from '../api/client.ts'
import { useSession } from '../auth/session.tsx'
import { restaurantKey, useRestaurant, useRestaurantId } from '../restaurants/restaurant.queries.ts'
import { FormActions, FormCard } from '../shared/FormParts.tsx'
import { PageHeader } from '../shared/PageHeader.tsx'
import { ErrorState, LoadingState } from '../shared/states.tsx'
import { OrderSettingsCard } from './OrderSettingsCard.tsx'
import { PaymentSettingsCard } from './PaymentSettingsCard.tsx'
import { SquareCard } from './SquareCard.tsx'
import { StaffCard } from './StaffCard.tsx'

export function SettingsPage() {
  const restaurantId = useRestaurantId()
  const restaurant = useRestaurant(restaurantId)
  const me = useSession()
  const role = me.restaurants.find((r) => r.id === restaurantId)?.role
  const canManage = me.user.is_operator || role === 'owner'
  return (
    <>
      <PageHeader
        title="Settings"
        description="Your restaurant's details, what the assistant may do, phone number, staff and API key."
      />
      {restaurant.isPending && <LoadingState />}
      {restaurant.isError && <ErrorState error={restaurant.error} />}
      {restaurant.data && (
        <Stack gap="lg" maw={640}>
          <DetailsForm
            key={restaurantId}
            restaurantId={restaurantId}
            name={restaurant.data.name}
            timezone={restaurant.data.timezone}
            currency={restaurant.data.currency}
          />
          {canManage && <OrderSettingsCard restaurantId={restaurantId} restaurant={restaurant.data} />}
          {canManage && <PaymentSettingsCard restaurantId={restaurantId} restaurant={restaurant.data} />}
          <Card withBorder>
            <Title order={2} size="h4" mb="xs">
              Phone numbers
            </Title>
            {restaurant.data.phone_numbers.length === 0 ? (
              <Text c="dimmed">No number yet: ask your operator to assign one.</Text>
            ) : (
              restaurant.data.phone_numbers.map((number) => <Text key={number}>{number}</Text>)
            )}
          </Card>
          {canManage && <SquareCard restaurantId={restaurantId} />}
          {role === 'owner' && <StaffCard restaurantId={restaurantId} />}
          {canManage && <ApiKeyCard restaurantId={restaurantId} />}
        </Stack>
      )}
    </>
  )
}

/** Every ISO 4217 currency the browser knows, "EUR · Euro", for the currency picker. */
const CURRENCIES = (() => {
  const names = new Intl.DisplayNames(['en'], { type: 'currency' })
  return Intl.supportedValuesOf('currency').map((code) => ({ value: code, label: `${code} · ${names.of(code)}` }))
})()

function DetailsForm({
  restaurantId,
  name,
  timezone,
  currency,
}: {
  restaurantId: string
  name: string
  timezone: string
  currency: string
}) {
  const queryClient = useQueryClient()
  const [newName, setName] = useState(name)
  const [newTimezone, setTimezone] = useState(timezone)
  const [savedCurrency, setSavedCurrency] = useState(currency)
  const [newCurrency, setCurrency] = useState(currency)
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/restaurants/{id}', {
          params: { path: { id: restaurantId } },
          // Sent only when changed: a new currency re-prices the menu's index.
          body: {
            name: newName.trim(),
            timezone: newTimezone.trim(),
            ...(newCurrency !== savedCurrency && { currency: newCurrency }),
          },
        }),
      ),
    // Not rebuilt from the saved restaurant (that would drop "Saved."): the fields take its values.
    onSuccess: (data) => {
      setName(data.name)
      setTimezone(data.timezone)
      setSavedCurrency(data.currency)
      setCurrency(data.currency)
      queryClient.setQueryData(restaurantKey(restaurantId), data)
      return queryClient.invalidateQueries({ queryKey: ['me'] })
    },
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    save.mutate()
  }
  return (
    <FormCard title="Restaurant" error={save.error} saved={save.isSuccess && 'Saved.'} onSubmit={submit}>
      <TextInput label="Restaurant name" required value={newName} onChange={(e) => setName(e.currentTarget.value)} />
      <TextInput
        label="Time zone"
        description="IANA name, e.g. America/New_York; hours are read in it"
        required
        value={newTimezone}
        onChange={(e) => setTimezone(e.currentTarget.value)}
      />
      <Select
        label="Currency"
        description="Prices are in it: callers hear them in it, payment links charge in it"
        searchable
        allowDeselect={false}
        data={CURRENCIES}
        value={newCurrency}
        onChange={(value) => value && setCurrency(value)}
      />
      <FormActions saving={save.isPending} />
    </FormCard>
  )
}

function ApiKeyCard({ restaurantId }: { restaurantId: string }) {
  const [confirming, setConfirming] = useState(false)
  const rotate = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/restaurants/{id}/api-key/rotate', { params: { path: { id: restaurantId } } })),
    onSettled: () => setConfirming(false),
  })
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        API key
      </Title>
      <Text size="sm" mb="sm">
        For your own integrations. Only a hash is stored, so a new key is shown once; the old one stops working at once.
      </Text>
      {rotate.error && (
        <Alert color="red" role="alert" mb="sm">
          {rotate.error.message}
        </Alert>
      )}
      {rotate.data && (
        <Alert color="green" role="status" mb="sm" title="Your new API key (shown once)">
          <Code block style={{ wordBreak: 'break-all' }}>
            {rotate.data.api_key}
          </Code>
          <CopyButton value={rotate.data.api_key}>
            {({ copied, copy }) => (
              <Button size="compact-sm" mt="xs" variant="light" onClick={copy}>
                {copied ? 'Copied' : 'Copy key'}
              </Button>
            )}
          </CopyButton>
        </Alert>
      )}
      {confirming ? (
        <Group>
          <Button color="red" onClick={() => rotate.mutate()} loading={rotate.isPending}>
            Replace the key now
          </Button>
          <Button variant="default" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
        </Group>
      ) : (
        <Button variant="default" onClick={() => setConfirming(true)}>
          Rotate API key
        </Button>
      )}
    </Card>
  )
}
