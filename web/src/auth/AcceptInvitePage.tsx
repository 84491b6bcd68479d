import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { api, unwrap } from '../api/client.ts'
import { SaveError } from '../shared/FormParts.tsx'
import { LoadingState } from '../shared/states.tsx'
import { AuthCard, IncompleteLink, NewPasswordInput, tokenFromLink } from './AuthCard.tsx'
import { useSignedInBy } from './useSignedInBy.ts'

/**
 * Where an invite's link leads: what it is for (restaurant, role, email), then a password (a new
 * one, or the existing account's) and the person is signed in.
 */
export function AcceptInvitePage() {
  const [token] = useState(tokenFromLink)
  const preview = useQuery({
    queryKey: ['invite', token],
    queryFn: () => unwrap(api.POST('/api/auth/accept-invite/preview', { body: { token } })),
    enabled: token !== '',
    retry: false,
    // Read once: once accepted, a refetch would say the (now used) link cannot be used.
    staleTime: Number.POSITIVE_INFINITY,
  })
  const invite = preview.data
  // No email: the setup link the server printed in its console on a new install.
  const setup = invite !== undefined && invite.email === null
  const title = setup
    ? 'Create the first operator'
    : invite?.restaurant
      ? `Join ${invite.restaurant.name}`
      : 'Accept your invite'
  const description = setup
    ? 'This link from the server console works once. The account you create runs every restaurant.'
    : invite
      ? `As ${invite.restaurant ? invite.role : 'an operator of every restaurant'}, signing in as ${invite.email}.`
      : 'Open the link from your invite email.'
  return (
    <AuthCard title={title} description={description} back>
      {!token ? (
        <IncompleteLink what="invite" />
      ) : preview.isPending ? (
        <LoadingState />
      ) : preview.isError ? (
        <Alert color="red" role="alert" title="This invite cannot be used">
          {preview.error.message}. Ask whoever invited you for a new one.
        </Alert>
      ) : (
        <AcceptForm token={token} email={invite!.email} accountExists={invite!.account_exists} />
      )}
    </AuthCard>
  )
}

function AcceptForm({
  token,
  email,
  accountExists,
}: {
  token: string
  /** null: the setup link, where the person chooses the email they will sign in with. */
  email: string | null
  accountExists: boolean
}) {
  const [name, setName] = useState('')
  const [password, setPassword] = useState('')
  const [chosenEmail, setChosenEmail] = useState('')
  const accept = useSignedInBy(() =>
    unwrap(
      api.POST('/api/auth/accept-invite', {
        body: {
          token,
          password,
          ...(name.trim() ? { name: name.trim() } : {}),
          ...(email === null ? { email: chosenEmail.trim() } : {}),
        },
      }),
    ),
  )
  const submit = (event: FormEvent) => {
    event.preventDefault()
    accept.mutate()
  }
  return (
    <form onSubmit={submit}>
      <Stack>
        <SaveError error={accept.error} title="Could not accept the invite" />
        {/* For the browser's password manager: the account the password belongs to. */}
        {email === null ? (
          <TextInput
            label="Email"
            description="You sign in with it"
            type="email"
            autoComplete="username"
            required
            value={chosenEmail}
            onChange={(event) => setChosenEmail(event.currentTarget.value)}
          />
        ) : (
          <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        )}
        {!accountExists && (
          <TextInput
            label="Your name"
            description="Shown to the people you work with"
            autoComplete="name"
            maxLength={200}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
          />
        )}
        {accountExists ? (
          <PasswordInput
            label="Password"
            description="This email already has an account: enter its password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
          />
        ) : (
          <NewPasswordInput
            label="Password"
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
          />
        )}
        <Button type="submit" loading={accept.isPending}>
          {email === null ? 'Create account' : 'Accept invite'}
        </Button>
      </Stack>
    </form>
  )
}
