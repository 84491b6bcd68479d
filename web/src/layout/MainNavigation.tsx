import { NavLink } from '@mantine/core'
import { Link, useLocation } from 'react-router'

// The accessible names are fixed by the contract (tests and screen readers find the links by them).
const SECTIONS = [
  { label: 'Overview', path: 'overview' },
  { label: 'Orders', path: 'orders' },
  { label: 'Menu', path: 'menu' },
  { label: 'Hours', path: 'hours' },
  { label: 'Delivery zones', path: 'zones' },
  { label: 'Questions', path: 'questions' },
  { label: 'Reservations', path: 'reservations' },
  { label: 'Calls', path: 'calls' },
  { label: 'Insights', path: 'insights' },
  { label: 'Try it', path: 'try' },
  { label: 'Settings', path: 'settings' },
]

export function MainNavigation({ restaurantId, isOperator }: { restaurantId?: string; isOperator: boolean }) {
  const { pathname } = useLocation()
  const isActive = (to: string) => pathname === to || pathname.startsWith(`${to}/`)
  return (
    <>
      {restaurantId &&
        SECTIONS.map((section) => (
          <NavLink
            key={section.path}
            component={Link}
            to={`/r/${restaurantId}/${section.path}`}
            label={section.label}
            active={isActive(`/r/${restaurantId}/${section.path}`)}
            aria-current={isActive(`/r/${restaurantId}/${section.path}`) ? 'page' : undefined}
          />
        ))}
      {isOperator && (
        <NavLink
          component={Link}
          to="/restaurants"
          label="Restaurants"
          active={isActive('/restaurants')}
          aria-current={isActive('/restaurants') ? 'page' : undefined}
        />
      )}
    </>
  )
}
