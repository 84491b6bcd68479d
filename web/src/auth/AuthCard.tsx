import { Anchor, Center, Paper, Stack, Text, Title } from '@mantine/core'
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

export const PASSWORD_HINT = 'At least 10 characters'
export const MIN_PASSWORD_LENGTH = 10
