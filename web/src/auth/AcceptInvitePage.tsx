import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core'
import { type FormEvent, useState } from 'react'
import { api, unwrap } from '../api/client.ts'
import { AuthCard, MIN_PASSWORD_LENGTH, PASSWORD_HINT, tokenFromLink } from './AuthCard.tsx'
import { useSignedInBy } from './useSignedInBy.ts'

/** Where an invite's link leads: the invited person chooses a password (or gives theirs) and is signed in. */
export function AcceptInvitePage() {
  const [token] = useState(tokenFromLink)
  const [name, setName] = useState('')
  const [password, setPassword] = useState('')
  const accept = useSignedInBy(() =>
    unwrap(
      api.POST('/api/auth/accept-invite', {
        body: { token, password, ...(name.trim() ? { name: name.trim() } : {}) },
      }),
    ),
  )
  const submit = (event: FormEvent) => {
    event.preventDefault()
    accept.mutate()
  }
  return (
    <AuthCard
      title="Accept your invite"
      description="Choose a password to sign in with. If this email already has an account, enter its password."
      back
    >
      {!token ? (
        <Alert color="red" role="alert" title="This link is incomplete">
          Open the link from the invite email again, or ask for a new invite.
        </Alert>
      ) : (
        <form onSubmit={submit}>
          <Stack>
            {accept.error && (
              <Alert color="red" role="alert" title="Could not accept the invite">
                {accept.error.message}
              </Alert>
            )}
            <TextInput
              label="Your name"
              description="Shown to the people you work with"
              autoComplete="name"
              maxLength={200}
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
            />
            <PasswordInput
              label="Password"
              description={PASSWORD_HINT}
              autoComplete="new-password"
              required
              minLength={MIN_PASSWORD_LENGTH}
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
            />
            <Button type="submit" loading={accept.isPending}>
              Accept invite
            </Button>
          </Stack>
        </form>
      )}
    </AuthCard>
  )
}
