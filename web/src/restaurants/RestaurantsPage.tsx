import { Alert, Anchor, Button, Card, FileButton, Stack, Table, Text } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Link } from 'react-router'
import type { paths } from '../api/client.ts'
import { api, unwrap } from '../api/client.ts'
import { useSession } from '../auth/session.tsx'
import { PageHeader } from '../shared/PageHeader.tsx'
import { ErrorState, LoadingState } from '../shared/states.tsx'
import { NumberAssignment } from './NumberAssignment.tsx'
import { useProvisionNumber } from './phone-numbers.queries.ts'

type Bundle = NonNullable<paths['/api/restaurants']['post']['requestBody']>['content']['application/json']

/** The operator's page: every restaurant, and a new one from a bundle file. */
export function RestaurantsPage() {
  const me = useSession()
  const queryClient = useQueryClient()
  const list = useQuery({
    queryKey: ['restaurants'],
    queryFn: () => unwrap(api.GET('/api/restaurants', { params: { query: { limit: 200, offset: 0 } } })),
    enabled: me.user.is_operator,
  })
  const create = useMutation({
    mutationFn: async (file: File) => {
      const bundle = JSON.parse(await file.text()) as Bundle
      return unwrap(api.POST('/api/restaurants', { body: bundle }))
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['restaurants'] }),
  })
  const provision = useProvisionNumber()
  if (!me.user.is_operator) return <ErrorState title="Only operators can see every restaurant" />
  return (
    <>
      <PageHeader
        title="Restaurants"
        description="Every restaurant on this server."
        actions={
          <FileButton onChange={(file) => file && create.mutate(file)} accept="application/json">
            {(props) => (
              <Button {...props} loading={create.isPending}>
                Create from bundle file
              </Button>
            )}
          </FileButton>
        }
      />
      {create.error && (
        <Alert color="red" role="alert" mb="md" title="Not created">
          {create.error.message}
        </Alert>
      )}
      {create.data && (
        <Alert color="green" role="status" mb="md" title={`${create.data.name} created`}>
          <Text size="sm">{`Its API key (shown once): ${create.data.api_key}`}</Text>
        </Alert>
      )}
      {provision.error && (
        <Alert color="red" role="alert" mb="md" title={`No number for ${provision.variables?.name}`}>
          {provision.error.message}
        </Alert>
      )}
      {provision.data && (
        <Alert
          color="green"
          role="status"
          mb="md"
          title={`${provision.variables?.name} answers on ${provision.data.phone_number}`}
        >
          <Text size="sm">Calls to it reach the assistant now.</Text>
        </Alert>
      )}
      {list.isPending && <LoadingState />}
      {list.isError && <ErrorState error={list.error} />}
      {list.data && (
        <Card withBorder p={0}>
          <Table.ScrollContainer minWidth={0}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Phone</Table.Th>
                  <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
                    Items
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.data.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/r/${r.id}/overview`}>
                        {r.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {r.phone_number ?? (
                        <Button
                          size="compact-sm"
                          variant="light"
                          aria-label={`Get a number for ${r.name}`}
                          loading={provision.isPending && provision.variables?.restaurantId === r.id}
                          disabled={provision.isPending}
                          onClick={() => provision.mutate({ restaurantId: r.id, name: r.name })}
                        >
                          Get a number
                        </Button>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">{r.counts.menu_items}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
      <Stack mt="sm">
        <Text
          size="sm"
          c="dimmed"
        >{`${list.data?.total ?? 0} ${list.data?.total === 1 ? 'restaurant' : 'restaurants'}`}</Text>
      </Stack>
      {list.data && <NumberAssignment restaurants={list.data.data} />}
    </>
  )
}
