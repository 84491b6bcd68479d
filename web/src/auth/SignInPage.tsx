import { Alert, Anchor, Button, Code, Stack, TextInput } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { Link } from 'react-router'
import { api, unwrap } from '../api/client.ts'
import { SaveError } from '../shared/FormParts.tsx'
import { AuthCard } from './AuthCard.tsx'

export function SignInPage() {
  const queryClient = useQueryClient()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const signIn = useMutation({
    mutationFn: () => unwrap(api.POST('/api/auth/login', { body: { email, password } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['me'] }),
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    signIn.mutate()
  }
  return (
    <AuthCard title="Sign in" description="Run your restaurant's phone assistant.">
      <form onSubmit={submit}>
        <Stack>
          <FirstOperatorHint />
          <SaveError error={signIn.error} title="Could not sign in" />
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
          />
          <TextInput
            type="password"
            label="Password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
          />
          <Button type="submit" loading={signIn.isPending}>
            Sign in
          </Button>
          <Anchor component={Link} to="/forgot-password" size="sm">
            Forgot your password?
          </Anchor>
        </Stack>
      </form>
    </AuthCard>
  )
}

/**
 * On a new install no one has an account yet: the way in is the one-time setup link the server
 * prints in its console at start (only whoever runs the server can read it).
 */
function FirstOperatorHint() {
  const status = useQuery({
    queryKey: ['setup-status'],
    queryFn: () => unwrap(api.GET('/api/auth/setup-status')),
    retry: false,
  })
  if (!status.data?.first_operator_needed) return null
  return (
    <Alert color="blue" title="First time here?">
      No account exists yet. Open the setup link printed in the server's console (the terminal where{' '}
      <Code>npm start</Code> runs) to create the first operator account. Each start prints a new link.
    </Alert>
  )
}
