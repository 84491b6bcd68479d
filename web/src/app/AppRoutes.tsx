import { Center, Loader } from '@mantine/core'
import { lazy, Suspense } from 'react'
import { Navigate, Route, Routes } from 'react-router'
import { AcceptInvitePage } from '../auth/AcceptInvitePage.tsx'
import { AccountPage } from '../auth/AccountPage.tsx'
import { ForgotPasswordPage, ResetPasswordPage } from '../auth/PasswordResetPages.tsx'
import { SignInPage } from '../auth/SignInPage.tsx'
import { SessionProvider, useMeQuery } from '../auth/session.tsx'
import { CallDetailPage } from '../calls/CallDetailPage.tsx'
import { CallsPage } from '../calls/CallsPage.tsx'
import { HoursPage } from '../hours/HoursPage.tsx'
import { AppLayout } from '../layout/AppLayout.tsx'
import { MenuPage } from '../menu/MenuPage.tsx'
import { MessagesPage } from '../messages/MessagesPage.tsx'
import { OrdersPage } from '../orders/OrdersPage.tsx'
import { OverviewPage } from '../overview/OverviewPage.tsx'
import { QuestionsPage } from '../questions/QuestionsPage.tsx'
import { ReservationsPage } from '../reservations/ReservationsPage.tsx'
import { RestaurantsPage } from '../restaurants/RestaurantsPage.tsx'
import { SettingsPage } from '../settings/SettingsPage.tsx'
import { ErrorState, LoadingState } from '../shared/states.tsx'
import { TryItPage } from '../try-it/TryItPage.tsx'
import { ZonesPage } from '../zones/ZonesPage.tsx'
import { HomeRedirect } from './HomeRedirect.tsx'

// The chart library is most of the bundle: it loads only when Insights is opened.
const InsightsPage = lazy(() => import('../insights/InsightsPage.tsx').then((m) => ({ default: m.InsightsPage })))

export function AppRoutes() {
  const me = useMeQuery()
  if (me.isPending) {
    return (
      <Center mih="100dvh">
        <Loader aria-label="Loading" />
      </Center>
    )
  }
  if (me.isError) return <ErrorState error={me.error} />
  if (!me.data) {
    return (
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/forgot-password" element={<ForgotPasswordPage />} />
        <Route path="/accept-invite" element={<AcceptInvitePage />} />
        <Route path="/reset-password" element={<ResetPasswordPage />} />
        <Route path="*" element={<SignInPage />} />
      </Routes>
    )
  }
  return (
    <SessionProvider me={me.data}>
      <Routes>
        <Route path="/sign-in" element={<Navigate to="/" replace />} />
        <Route path="/forgot-password" element={<Navigate to="/account" replace />} />
        {/* A link from an email works signed in too: an invite to another account, a reset. */}
        <Route path="/accept-invite" element={<AcceptInvitePage />} />
        <Route path="/reset-password" element={<ResetPasswordPage />} />
        <Route element={<AppLayout />}>
          <Route index element={<HomeRedirect />} />
          <Route path="account" element={<AccountPage />} />
          <Route path="restaurants" element={<RestaurantsPage />} />
          <Route path="r/:restaurantId">
            <Route index element={<Navigate to="overview" replace />} />
            <Route path="overview" element={<OverviewPage />} />
            <Route path="orders" element={<OrdersPage />} />
            <Route path="menu" element={<MenuPage />} />
            <Route path="hours" element={<HoursPage />} />
            <Route path="zones" element={<ZonesPage />} />
            <Route path="questions" element={<QuestionsPage />} />
            <Route path="reservations" element={<ReservationsPage />} />
            <Route path="messages" element={<MessagesPage />} />
            <Route path="calls" element={<CallsPage />} />
            <Route path="calls/:callId" element={<CallDetailPage />} />
            <Route
              path="insights"
              element={
                <Suspense fallback={<LoadingState />}>
                  <InsightsPage />
                </Suspense>
              }
            />
            <Route path="try" element={<TryItPage />} />
            <Route path="settings" element={<SettingsPage />} />
          </Route>
          <Route path="*" element={<ErrorState title="Page not found" />} />
        </Route>
      </Routes>
    </SessionProvider>
  )
}
