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
  { label: 'Messages', path: 'messages' },
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
          <PageLink
            key={section.path}
            to={`/r/${restaurantId}/${section.path}`}
            label={section.label}
            active={isActive(`/r/${restaurantId}/${section.path}`)}
          />
        ))}
      {isOperator && <PageLink to="/restaurants" label="Restaurants" active={isActive('/restaurants')} />}
      <PageLink to="/account" label="Account" active={isActive('/account')} />
    </>
  )
}

function PageLink({ to, label, active }: { to: string; label: string; active: boolean }) {
  return <NavLink component={Link} to={to} label={label} active={active} aria-current={active ? 'page' : undefined} />
}
