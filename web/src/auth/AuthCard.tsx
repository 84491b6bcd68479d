import { Alert, Anchor, Center, Paper, PasswordInput, type PasswordInputProps, Stack, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import { Link } from 'react-router'

/** The card of the pages a person sees before they are signed in: sign in, accept an invite, reset. */
export function AuthCard({
  title,
  description,
  children,
  back = false,
}: {
  title: string
  description: string
  children: ReactNode
  /** Offers the way back to the sign-in page. */
  back?: boolean
}) {
  return (
    <Center component="main" mih="100dvh" p="md">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={400}>
        <Stack>
          <Title order={1} size="h2">
            {title}
          </Title>
          <Text size="sm" c="dimmed">
            {description}
          </Text>
          {children}
          {back && (
            <Anchor component={Link} to="/sign-in" size="sm">
              Back to sign in
            </Anchor>
          )}
        </Stack>
      </Paper>
    </Center>
  )
}

/** The token of an invite or reset link (`#token=…`): after the #, so it never reaches a server log. */
export function tokenFromLink(): string {
  return new URLSearchParams(window.location.hash.slice(1)).get('token') ?? ''
}

/** A password being chosen: at least 10 characters (the server's rule), and the browser may suggest one. */
export function NewPasswordInput(props: Omit<PasswordInputProps, 'minLength' | 'autoComplete' | 'required'>) {
  return (
    <PasswordInput
      description="At least 10 characters"
      {...props}
      autoComplete="new-password"
      required
      minLength={10}
    />
  )
}

/** A link opened without its token (cut by a mail client, copied in part). */
export function IncompleteLink({ what }: { what: string }) {
  return (
    <Alert color="red" role="alert" title="This link is incomplete">
      {`Open the link from the email again, or ask for a new ${what}.`}
    </Alert>
  )
}
