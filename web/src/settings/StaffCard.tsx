import { Alert, Badge, Button, Card, Code, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { api, unwrap } from '../api/client.ts'

/** The restaurant's people, and invites for new ones (owners only: the API refuses staff). */
export function StaffCard({ restaurantId }: { restaurantId: string }) {
  const queryClient = useQueryClient()
  const members = useQuery({
    queryKey: ['members', restaurantId],
    queryFn: () => unwrap(api.GET('/api/restaurants/{id}/members', { params: { path: { id: restaurantId } } })),
  })
  const [email, setEmail] = useState('')
  const [role, setRole] = useState<'owner' | 'staff'>('staff')
  const invite = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/restaurants/{id}/invites', {
          params: { path: { id: restaurantId } },
          body: { email: email.trim(), role },
        }),
      ),
    onSuccess: () => {
      setEmail('')
      return queryClient.invalidateQueries({ queryKey: ['members', restaurantId] })
    },
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    invite.mutate()
  }
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        Staff
      </Title>
      <Stack gap={6} mb="md">
        {members.data?.data.map((member) => (
          <Group key={member.user_id} justify="space-between" gap="xs" wrap="nowrap">
            <div style={{ minWidth: 0 }}>
              <Text truncate>{member.name ?? member.email}</Text>
              {member.name && (
                <Text size="xs" c="dimmed" truncate>
                  {member.email}
                </Text>
              )}
            </div>
            <Badge variant="light" color={member.role === 'owner' ? 'blue' : 'gray'}>
              {member.role}
            </Badge>
          </Group>
        ))}
        {members.isError && <Text c="dimmed">{members.error.message}</Text>}
      </Stack>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Group align="flex-end" gap="xs" grow>
            <TextInput
              label="Invite by email"
              type="email"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <NativeSelect
              label="Role"
              value={role}
              onChange={(e) => setRole(e.currentTarget.value as 'owner' | 'staff')}
              data={[
                { value: 'staff', label: 'Staff' },
                { value: 'owner', label: 'Owner' },
              ]}
            />
          </Group>
          <Group justify="flex-end">
            <Button type="submit" loading={invite.isPending}>
              Send invite
            </Button>
          </Group>
        </Stack>
      </form>
      {invite.error && (
        <Alert color="red" role="alert" mt="sm">
          {invite.error.message}
        </Alert>
      )}
      {invite.data && (
        <Alert color="green" role="status" mt="sm" title={`Invite for ${invite.data.email}`}>
          <Text size="sm">
            Mailed when this server sends mail. You can also pass on this link (single use, 7 days):
          </Text>
          <Code block style={{ wordBreak: 'break-all' }}>
            {invite.data.invite_url}
          </Code>
        </Alert>
      )}
    </Card>
  )
}
