import { Alert, Center, Loader, Stack, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import { ApiError } from '../api/client.ts'

export function LoadingState({ label = 'Loading' }: { label?: string }) {
  return (
    <Center py="xl">
      <Loader aria-label={label} />
    </Center>
  )
}

export function ErrorState({ error, title }: { error?: unknown; title?: string }) {
  const status = error instanceof ApiError ? error.status : undefined
  const heading =
    title ?? (status === 404 || status === 403 ? 'Not found, or not yours to see' : 'Something went wrong')
  return (
    <Stack p="md" role="alert">
      <Title order={2} size="h3">
        {heading}
      </Title>
      {error instanceof Error && <Text>{error.message}</Text>}
    </Stack>
  )
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Alert variant="light" color="gray" title={title}>
      {children}
    </Alert>
  )
}
