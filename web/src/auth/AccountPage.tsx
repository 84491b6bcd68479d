import { Alert, Button, Card, Group, PasswordInput, Stack, Text, Title } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { ApiError, api, unwrap } from '../api/client.ts'
import { SaveError } from '../shared/FormParts.tsx'
import { PageHeader } from '../shared/PageHeader.tsx'
import { NewPasswordInput } from './AuthCard.tsx'
import { useSession } from './session.tsx'

// The server's message names the field for API clients; a person reads these.
const EXPLAINED: Record<string, string> = {
  wrong_password: 'That is not your current password.',
  same_password: 'The new password is the one you have now: choose another.',
}

/** The signed-in person's own account: who they are, where they belong, and their password. */
export function AccountPage() {
  const me = useSession()
  return (
    <>
      <PageHeader title="Your account" description={`Signed in as ${me.user.email}`} />
      <Stack gap="lg" maw={640}>
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            Restaurants
          </Title>
          {me.user.is_operator && <Text>Operator: every restaurant</Text>}
          {me.restaurants.map((restaurant) => (
            <Group key={restaurant.id} justify="space-between">
              <Text>{restaurant.name}</Text>
              <Text c="dimmed">{restaurant.role}</Text>
            </Group>
          ))}
          {!me.user.is_operator && me.restaurants.length === 0 && <Text c="dimmed">None yet</Text>}
        </Card>
        <PasswordCard />
      </Stack>
    </>
  )
}

function PasswordCard() {
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [repeated, setRepeated] = useState('')
  const change = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/auth/password', { body: { current_password: current, new_password: next } })),
    onSuccess: () => {
      setCurrent('')
      setNext('')
      setRepeated('')
    },
  })
  const mismatch = repeated !== '' && repeated !== next
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!mismatch) change.mutate()
  }
  const explained = change.error instanceof ApiError ? EXPLAINED[change.error.code ?? ''] : undefined
  const error = explained ? new Error(explained) : change.error
  return (
    <Card withBorder component="form" onSubmit={submit} aria-labelledby="password-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="password-title">
          Change password
        </Title>
        <SaveError error={error} title="Password not changed" />
        {change.isSuccess && (
          <Alert color="green" role="status">
            Password changed. You stay signed in here; every other device has been signed out.
          </Alert>
        )}
        <PasswordInput
          label="Current password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.currentTarget.value)}
        />
        <NewPasswordInput label="New password" value={next} onChange={(e) => setNext(e.currentTarget.value)} />
        <PasswordInput
          label="New password, again"
          autoComplete="new-password"
          required
          value={repeated}
          onChange={(e) => setRepeated(e.currentTarget.value)}
          error={mismatch ? 'The two new passwords differ' : undefined}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={change.isPending} disabled={mismatch}>
            Change password
          </Button>
        </Group>
      </Stack>
    </Card>
  )
}
