import { Alert, Button, Stack, TextInput } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { api, unwrap } from '../api/client.ts'
import { SaveError } from '../shared/FormParts.tsx'
import { AuthCard, IncompleteLink, NewPasswordInput, tokenFromLink } from './AuthCard.tsx'
import { useSignedInBy } from './useSignedInBy.ts'

/** Asks for a reset link by email. The answer is the same whether or not the account exists. */
export function ForgotPasswordPage() {
  const [email, setEmail] = useState('')
  const request = useMutation({
    mutationFn: () => unwrap(api.POST('/api/auth/password-reset', { body: { email: email.trim() } })),
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    request.mutate()
  }
  return (
    <AuthCard title="Reset your password" description="We email you a link to choose a new password." back>
      {request.isSuccess ? (
        <Alert color="green" role="status" title="Check your email">
          If {email.trim()} has an account, a link is on its way. It works once, for an hour.
        </Alert>
      ) : (
        <form onSubmit={submit}>
          <Stack>
            <SaveError error={request.error} title="Could not send the link" />
            <TextInput
              label="Email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
            />
            <Button type="submit" loading={request.isPending}>
              Send reset link
            </Button>
          </Stack>
        </form>
      )}
    </AuthCard>
  )
}

/** Where a reset link leads: a new password, then signed in (every other session has ended). */
export function ResetPasswordPage() {
  const [token] = useState(tokenFromLink)
  const [password, setPassword] = useState('')
  const reset = useSignedInBy(() => unwrap(api.POST('/api/auth/password-reset/confirm', { body: { token, password } })))
  const submit = (event: FormEvent) => {
    event.preventDefault()
    reset.mutate()
  }
  return (
    <AuthCard title="Choose a new password" description="Every device signed in with the old one is signed out." back>
      {!token ? (
        <IncompleteLink what="one" />
      ) : (
        <form onSubmit={submit}>
          <Stack>
            <SaveError error={reset.error} title="Could not set the password" />
            <NewPasswordInput
              label="New password"
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
            />
            <Button type="submit" loading={reset.isPending}>
              Set new password
            </Button>
          </Stack>
        </form>
      )}
    </AuthCard>
  )
}
