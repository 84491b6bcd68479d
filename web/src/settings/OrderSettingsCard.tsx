import { NumberInput, PasswordInput, SimpleGrid, Switch, TextInput } from '@mantine/core'
import { type UseMutationResult, useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { api, type paths, unwrap } from '../api/client.ts'
import { restaurantKey } from '../restaurants/restaurant.queries.ts'
import { FormActions, FormCard } from '../shared/FormParts.tsx'

type Settings = paths['/api/restaurants/{id}']['get']['responses']['200']['content']['application/json']['settings']

/** What the API shows in place of a stored webhook secret; sent back, it keeps that secret. */
const HIDDEN_SECRET = '********'
// The server's own defaults, shown so an owner sees what applies when a field was never set.
const DEFAULT_PICKUP_MINUTES = 20
const DEFAULT_BOOKING_RULES = { max_party_size: 8, seats_per_slot: 40, slot_minutes: 30 }

const whole = (value: string | number, fallback: number) => (typeof value === 'number' ? value : fallback)

/**
 * What the assistant may do beyond answering: take orders, book tables, hand the call to a person,
 * text a confirmation, tell the kitchen's system. Saved as the bundle's `settings`, whole.
 */
export function OrderSettingsCard({
  restaurantId,
  restaurant,
}: {
  restaurantId: string
  restaurant: { name: string; settings: Settings }
}) {
  const queryClient = useQueryClient()
  // The form is rebuilt from what a save stored (a new `key`), never from a background refetch,
  // which would wipe what the owner is typing. It takes the save's own answer, not the query's:
  // the query tells its observers a tick later than React renders the new key, so the form would
  // be rebuilt from the settings before the save. The mutation lives here so "Saved." outlives it.
  const [saved, setSaved] = useState<{ settings: Settings; count: number }>()
  const save = useMutation({
    mutationFn: (settings: Settings) =>
      unwrap(
        api.PUT('/api/restaurants/{id}', {
          params: { path: { id: restaurantId } },
          body: { name: restaurant.name, settings },
        }),
      ),
    onSuccess: (data) => {
      queryClient.setQueryData(restaurantKey(restaurantId), data)
      setSaved((previous) => ({ settings: data.settings, count: (previous?.count ?? 0) + 1 }))
    },
  })
  return <OrderSettingsForm key={saved?.count ?? 0} settings={saved?.settings ?? restaurant.settings} save={save} />
}

function OrderSettingsForm({
  settings,
  save,
}: {
  settings: Settings
  save: UseMutationResult<unknown, Error, Settings>
}) {
  const [ordering, setOrdering] = useState(settings.ordering?.enabled === true)
  const [pickupMinutes, setPickupMinutes] = useState<string | number>(
    settings.ordering?.pickup_lead_minutes ?? DEFAULT_PICKUP_MINUTES,
  )
  // A fraction on the wire (0.08875), a percentage on the page (8.875).
  const [taxPercent, setTaxPercent] = useState<string | number>(Number(((settings.tax_rate ?? 0) * 100).toFixed(4)))
  const [bookings, setBookings] = useState(
    settings.reservations !== undefined && settings.reservations.enabled !== false,
  )
  const rules = { ...DEFAULT_BOOKING_RULES, ...settings.reservations }
  const [maxParty, setMaxParty] = useState<string | number>(rules.max_party_size)
  const [seatsPerSlot, setSeatsPerSlot] = useState<string | number>(rules.seats_per_slot)
  const [slotMinutes, setSlotMinutes] = useState<string | number>(rules.slot_minutes)
  const [transferNumber, setTransferNumber] = useState(settings.transfer_number ?? '')
  const [sms, setSms] = useState(settings.sms_confirmations === true)
  const [webhookUrl, setWebhookUrl] = useState(settings.order_webhook?.url ?? '')
  const hasSecret = settings.order_webhook?.secret === HIDDEN_SECRET
  const [notifySms, setNotifySms] = useState((settings.notify?.sms ?? []).join(', '))
  const [notifyEmail, setNotifyEmail] = useState((settings.notify?.email ?? []).join(', '))
  const [webhookSecret, setWebhookSecret] = useState('')

  const submit = (event: FormEvent) => {
    event.preventDefault()
    // Settings this form does not show (e.g. payments) are kept as they are.
    const { transfer_number: _number, order_webhook: _webhook, notify: _notify, ...kept } = settings
    const next: Settings = {
      ...kept,
      tax_rate: Number((whole(taxPercent, 0) / 100).toFixed(6)),
      sms_confirmations: sms,
      ordering: { enabled: ordering, pickup_lead_minutes: whole(pickupMinutes, DEFAULT_PICKUP_MINUTES) },
      reservations: {
        enabled: bookings,
        max_party_size: whole(maxParty, DEFAULT_BOOKING_RULES.max_party_size),
        seats_per_slot: whole(seatsPerSlot, DEFAULT_BOOKING_RULES.seats_per_slot),
        slot_minutes: whole(slotMinutes, DEFAULT_BOOKING_RULES.slot_minutes),
      },
    }
    if (transferNumber.trim()) next.transfer_number = transferNumber.replace(/[\s().-]/g, '')
    if (webhookUrl.trim()) {
      const secret = webhookSecret || (hasSecret ? HIDDEN_SECRET : undefined)
      next.order_webhook = { url: webhookUrl.trim(), ...(secret ? { secret } : {}) }
    }
    const notify = { sms: listOf(notifySms), email: listOf(notifyEmail) }
    if (notify.sms.length || notify.email.length) next.notify = notify
    save.mutate(next)
  }

  return (
    <FormCard
      title="Orders, bookings and calls"
      error={save.error}
      saved={save.isSuccess && 'Saved. The assistant uses these on its next call.'}
      onSubmit={submit}
    >
      <Switch
        label="Take orders by phone"
        description="Prices, hours and delivery zones are checked by the server, never by the assistant"
        checked={ordering}
        onChange={(e) => setOrdering(e.currentTarget.checked)}
      />
      <NumberInput
        label="Ready for pickup in (minutes)"
        min={0}
        max={1440}
        allowDecimal={false}
        value={pickupMinutes}
        onChange={setPickupMinutes}
        disabled={!ordering}
      />
      <NumberInput
        label="Sales tax (%)"
        description="Added to the items of every order"
        min={0}
        max={100}
        decimalScale={4}
        inputMode="decimal"
        value={taxPercent}
        onChange={setTaxPercent}
      />
      <Switch
        label="Take table bookings"
        checked={bookings}
        onChange={(e) => setBookings(e.currentTarget.checked)}
        mt="xs"
      />
      <SimpleGrid cols={{ base: 1, xs: 3 }}>
        <NumberInput
          label="Largest party"
          min={1}
          max={1000}
          allowDecimal={false}
          value={maxParty}
          onChange={setMaxParty}
          disabled={!bookings}
        />
        <NumberInput
          label="Seats per time slot"
          min={1}
          max={10_000}
          allowDecimal={false}
          value={seatsPerSlot}
          onChange={setSeatsPerSlot}
          disabled={!bookings}
        />
        <NumberInput
          label="Minutes per slot"
          min={5}
          max={1440}
          allowDecimal={false}
          value={slotMinutes}
          onChange={setSlotMinutes}
          disabled={!bookings}
        />
      </SimpleGrid>
      <TextInput
        label="Transfer calls to"
        description="A caller who asks for a person is put through here while you are open; e.g. +13125550123"
        type="tel"
        autoComplete="off"
        value={transferNumber}
        onChange={(e) => setTransferNumber(e.currentTarget.value)}
        mt="xs"
      />
      <Switch
        label="Text callers a confirmation"
        description="An SMS with the order or booking, from the restaurant's number"
        checked={sms}
        onChange={(e) => setSms(e.currentTarget.checked)}
      />
      <TextInput
        label="Text about messages"
        description="Phone numbers told at once of messages and event requests callers leave, separated by commas"
        type="tel"
        autoComplete="off"
        value={notifySms}
        onChange={(e) => setNotifySms(e.currentTarget.value)}
      />
      <TextInput
        label="E-mail about messages"
        description="Addresses told at once of messages and event requests, separated by commas"
        autoComplete="off"
        value={notifyEmail}
        onChange={(e) => setNotifyEmail(e.currentTarget.value)}
      />
      <TextInput
        label="Order webhook URL"
        description="Each new or changed order is sent here, signed, for a till or a kitchen printer"
        type="url"
        value={webhookUrl}
        onChange={(e) => setWebhookUrl(e.currentTarget.value)}
        mt="xs"
      />
      <PasswordInput
        label="Webhook secret"
        description={
          hasSecret ? 'A secret is stored; leave this empty to keep it' : 'Signs each delivery (X-Signature)'
        }
        autoComplete="new-password"
        value={webhookSecret}
        onChange={(e) => setWebhookSecret(e.currentTarget.value)}
        disabled={!webhookUrl.trim()}
      />
      <FormActions saving={save.isPending} />
    </FormCard>
  )
}

/** "a, b; c" → ["a", "b", "c"]: the server checks each and names the one it refuses. */
const listOf = (text: string) =>
  text
    .split(/[,;\n]/)
    .map((part) => part.trim())
    .filter(Boolean)
