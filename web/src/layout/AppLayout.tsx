import { AppShell, Burger, Button, Group, NativeSelect, Text } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { useEffect } from 'react'
import { Outlet, useLocation, useNavigate, useParams } from 'react-router'
import { useSession, useSignOut } from '../auth/session.tsx'
import { useRestaurant } from '../restaurants/restaurant.queries.ts'
import { ErrorState, LoadingState } from '../shared/states.tsx'
import { MainNavigation } from './MainNavigation.tsx'

export function AppLayout() {
  const me = useSession()
  const signOut = useSignOut()
  const navigate = useNavigate()
  const location = useLocation()
  const { restaurantId } = useParams()
  const [opened, { toggle, close }] = useDisclosure(false)
  const restaurant = useRestaurant(restaurantId)
  // The pages of another restaurant keep the same section: Menu → the other restaurant's Menu.
  const section = location.pathname.split('/')[3] ?? 'overview'
  const currentId = restaurantId ?? me.restaurants[0]?.id

  // biome-ignore lint/correctness/useExhaustiveDependencies: close the phone menu whenever the page changes
  useEffect(() => close(), [location.pathname])

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap" miw={0}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? 'Close navigation' : 'Open navigation'}
              aria-expanded={opened}
            />
            {me.restaurants.length > 1 ? (
              <NativeSelect
                aria-label="Current restaurant"
                value={currentId}
                onChange={(event) => navigate(`/r/${event.currentTarget.value}/${section}`)}
                data={me.restaurants.map((r) => ({ value: r.id, label: r.name }))}
                maw={200}
              />
            ) : (
              <Text fw={700} truncate>
                {restaurant.data?.name ?? me.restaurants[0]?.name ?? 'Restaurants'}
              </Text>
            )}
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Text size="sm" c="dimmed" visibleFrom="md">
              {me.user.email}
            </Text>
            <Button variant="default" size="xs" onClick={() => void signOut()}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main">
        <MainNavigation restaurantId={currentId} isOperator={me.user.is_operator} />
      </AppShell.Navbar>
      <AppShell.Main>
        {restaurantId && restaurant.isPending ? (
          <LoadingState />
        ) : restaurantId && restaurant.isError ? (
          <ErrorState error={restaurant.error} />
        ) : (
          <Outlet />
        )}
      </AppShell.Main>
    </AppShell>
  )
}
