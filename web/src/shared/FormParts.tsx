import {
  Alert,
  Button,
  Card,
  Group,
  NumberInput,
  type NumberInputProps,
  Stack,
  Switch,
  TextInput,
  Title,
} from '@mantine/core'
import { type FormEvent, type ReactNode, useId, useState } from 'react'
import { currencyDecimals, currencySymbol } from './format.ts'

/** Why a save (or any request of a form) failed, at the top of the form; nothing when it did not. */
export function SaveError({ error, title = 'Not saved' }: { error: Error | null | undefined; title?: string }) {
  if (!error) return null
  return (
    <Alert color="red" role="alert" title={title}>
      {error.message}
    </Alert>
  )
}

/**
 * A form's footer: Save, and for a row that exists (`onDelete`) a delete asked twice (what callers
 * hear changes at once and cannot be undone).
 */
export function FormActions({
  saving,
  deleteLabel,
  onDelete,
  deleting,
}: {
  saving: boolean
  deleteLabel?: string
  onDelete?: () => void
  deleting?: boolean
}) {
  const [confirming, setConfirming] = useState(false)
  return (
    <Group justify="space-between" mt="sm">
      {!onDelete ? (
        <span />
      ) : confirming ? (
        <Button color="red" onClick={onDelete} loading={deleting}>
          Delete for good
        </Button>
      ) : (
        <Button variant="subtle" color="red" onClick={() => setConfirming(true)}>
          {deleteLabel ?? 'Delete'}
        </Button>
      )}
      <Button type="submit" loading={saving}>
        Save
      </Button>
    </Group>
  )
}

/** A price in the restaurant's currency: never negative, its decimals, a decimal keypad on phones. */
export function MoneyInput({ currency, ...props }: NumberInputProps & { currency: string }) {
  const symbol = currencySymbol(currency)
  return (
    <NumberInput
      min={0}
      decimalScale={currencyDecimals(currency)}
      leftSection={symbol}
      leftSectionWidth={symbol.length > 1 ? 44 : undefined}
      inputMode="decimal"
      {...props}
    />
  )
}

/** "Closed all day", or the opening and closing times of one shift (a weekday's or a special date's). */
export function ShiftFields({
  closed,
  onClosed,
  openTime,
  onOpen,
  closeTime,
  onClose,
}: {
  closed: boolean
  onClosed: (closed: boolean) => void
  openTime: string
  onOpen: (time: string) => void
  closeTime: string
  onClose: (time: string) => void
}) {
  return (
    <>
      <Switch label="Closed all day" checked={closed} onChange={(e) => onClosed(e.currentTarget.checked)} />
      {!closed && (
        <Group grow>
          <TextInput label="Opens" type="time" value={openTime} onChange={(e) => onOpen(e.currentTarget.value)} />
          <TextInput label="Closes" type="time" value={closeTime} onChange={(e) => onClose(e.currentTarget.value)} />
        </Group>
      )}
    </>
  )
}

/**
 * A card that is one form (the settings' sections): its title names the form for screen readers
 * and tests, then why a save failed, or `saved` once it worked.
 */
export function FormCard({
  title,
  error,
  saved,
  onSubmit,
  children,
}: {
  title: string
  error: Error | null
  saved: string | false
  onSubmit: (event: FormEvent) => void
  children: ReactNode
}) {
  const titleId = useId()
  return (
    <Card withBorder component="form" onSubmit={onSubmit} aria-labelledby={titleId}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={titleId}>
          {title}
        </Title>
        <SaveError error={error} />
        {saved && (
          <Alert color="green" role="status">
            {saved}
          </Alert>
        )}
        {children}
      </Stack>
    </Card>
  )
}
