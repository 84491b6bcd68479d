import { type Square, SquareClient, SquareError } from 'square'
import { type PosCredentials, PosError, type PosProvider, type PosTokens } from '../pos.types.ts'
import { mapSquareCatalog } from './square-catalog.ts'
import { pushSquareOrder } from './square-orders.ts'
import { readSquareWebhook } from './square-webhook.ts'

export type SquareSettings = {
  applicationId?: string
  applicationSecret?: string
  /** SQUARE_BASE_URL: production, the sandbox, or a test's fake. */
  baseUrl: string
  webhookSignatureKey?: string
}

/** What a restaurant's menu needs from its seller's account (read catalog, inventory; write orders). */
export const SQUARE_SCOPES = ['MERCHANT_PROFILE_READ', 'ITEMS_READ', 'INVENTORY_READ', 'ORDERS_READ', 'ORDERS_WRITE']

/** Square through its official SDK, pointed at SQUARE_BASE_URL. */
export function createSquareProvider(settings: SquareSettings): PosProvider {
  const { applicationId, applicationSecret, baseUrl } = settings
  // Our outbox retries (honouring Retry-After); the SDK's own retries would hide a 429 from it.
  const client = (token: string | false) =>
    new SquareClient({
      baseUrl,
      ...(token === false ? { auth: false as const } : { token }),
      maxRetries: 0,
      timeoutInSeconds: 15,
    })
  const application = () => {
    if (!applicationId || !applicationSecret)
      throw new PosError('Square OAuth is not configured (SQUARE_APPLICATION_ID, SQUARE_APPLICATION_SECRET)', 409)
    return { clientId: applicationId, clientSecret: applicationSecret }
  }
  const tokensOf = (response: Square.ObtainTokenResponse): PosTokens => {
    if (!response.accessToken || !response.merchantId) throw new PosError('Square returned no access token', 502)
    return {
      accessToken: response.accessToken,
      merchantId: response.merchantId,
      ...(response.refreshToken && { refreshToken: response.refreshToken }),
      ...(response.expiresAt && { expiresAt: new Date(response.expiresAt) }),
    }
  }

  return {
    name: 'square',
    oauthEnabled: Boolean(applicationId && applicationSecret),
    authorizeUrl({ state, redirectUri }) {
      const url = new URL('/oauth2/authorize', baseUrl)
      url.search = new URLSearchParams({
        client_id: application().clientId,
        scope: SQUARE_SCOPES.join(' '),
        session: 'false',
        state,
        redirect_uri: redirectUri,
      }).toString()
      return url.toString()
    },
    async exchangeCode({ code, redirectUri }) {
      const response = await squareCall(() =>
        client(false).oAuth.obtainToken({ ...application(), code, redirectUri, grantType: 'authorization_code' }),
      )
      return tokensOf(response)
    },
    async refresh(refreshToken) {
      const response = await squareCall(() =>
        client(false).oAuth.obtainToken({ ...application(), refreshToken, grantType: 'refresh_token' }),
      )
      return tokensOf(response)
    },
    async revoke(credentials: PosCredentials) {
      const { clientId, clientSecret } = application()
      await squareCall(() =>
        client(false).oAuth.revokeToken(
          { clientId, merchantId: credentials.merchantId },
          { headers: { Authorization: `Client ${clientSecret}` } },
        ),
      )
    },
    async verifyLocation({ accessToken, locationId }) {
      const { location } = await squareCall(() => client(accessToken).locations.get({ locationId }))
      if (!location?.merchantId) throw new PosError(`Square location ${locationId} was not found`)
      if (location.status === 'INACTIVE') throw new PosError(`Square location ${locationId} is inactive`)
      return { merchantId: location.merchantId }
    },
    async mainLocation(accessToken) {
      const { locations } = await squareCall(() => client(accessToken).locations.list())
      const location = locations?.find((entry) => entry.status !== 'INACTIVE' && entry.id)
      if (!location?.id) throw new PosError('The Square account has no active location')
      return { locationId: location.id }
    },
    async importCatalog(credentials) {
      const objects: Square.CatalogObject[] = []
      // Every type is listed, so that what this version does not import is reported, not silently missed.
      let page = await squareCall(() => client(credentials.accessToken).catalog.list({}))
      objects.push(...page.data)
      while (page.hasNextPage()) {
        page = await squareCall(() => page.getNextPage())
        objects.push(...page.data)
      }
      return mapSquareCatalog(objects, credentials.locationId)
    },
    readWebhook: ({ rawBody, signature, notificationUrl }) =>
      readSquareWebhook({ rawBody, signature, notificationUrl, signatureKey: settings.webhookSignatureKey }),
    pushOrder: (credentials, order) => pushSquareOrder(client(credentials.accessToken), credentials, order),
  }
}

/** Square's refusals as PosErrors that name Square's reason (never a token). */
async function squareCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    if (!(error instanceof SquareError))
      throw new PosError(`Square could not be reached (${(error as Error).message})`, 502)
    const detail = error.errors.map((e) => e.detail ?? e.code).join('; ') || `HTTP ${error.statusCode}`
    const status = error.statusCode === 401 || error.statusCode === 403 ? 400 : error.statusCode === 404 ? 400 : 502
    throw new PosError(`Square refused: ${detail}`, status)
  }
}
