-- A point of sale (Square first): the connection of a restaurant to its POS, the POS ids of the
-- menu rows a sync wrote, the pushes of placed orders into the POS, and OAuth states in flight.
-- Tokens are stored only encrypted (AES-256-GCM with SECRETS_KEY), never in plain text.
CREATE TABLE pos_connections (
  restaurant_id         uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
  provider              text NOT NULL CHECK (provider IN ('square')),
  -- 'oauth' (the platform's application) or 'token' (the seller's own access token).
  auth_kind             text NOT NULL CHECK (auth_kind IN ('oauth', 'token')),
  merchant_id           text NOT NULL,
  location_id           text NOT NULL,
  access_token_enc      text NOT NULL,
  refresh_token_enc     text,
  token_expires_at      timestamptz,
  -- The activity_outbox id up to which placed orders were queued for the POS (only later ones go).
  order_cursor          bigint NOT NULL DEFAULT 0,
  sync_state            text NOT NULL DEFAULT 'never' CHECK (sync_state IN ('never', 'syncing', 'synced', 'failed')),
  last_sync_at          timestamptz,
  last_error            text,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (restaurant_id, provider)
);
-- Webhooks name the seller (merchant), not the restaurant.
CREATE INDEX pos_connections_merchant_idx ON pos_connections (provider, merchant_id);

-- Which menu item or modifier a sync wrote for which POS object; rows without a link were added by hand.
CREATE TABLE pos_catalog_links (
  restaurant_id   uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
  provider        text NOT NULL CHECK (provider IN ('square')),
  kind            text NOT NULL CHECK (kind IN ('item', 'modifier')),
  -- Square: the item variation's id (an item) or the modifier's id.
  external_id     text NOT NULL,
  -- Square: the item's id (a variation's parent) or the modifier list's id.
  parent_id       text,
  local_id        uuid NOT NULL,
  -- The imported fields' hash: an unchanged object is not written (nor re-indexed) again.
  content_hash    text NOT NULL,
  PRIMARY KEY (restaurant_id, provider, kind, external_id)
);
CREATE INDEX pos_catalog_links_local_idx ON pos_catalog_links (restaurant_id, local_id);

-- One push per placed order: claimed with a lease, retried with backoff, never created twice
-- (the POS gets our order id as its idempotency key).
CREATE TABLE pos_order_pushes (
  order_id         uuid PRIMARY KEY REFERENCES orders(id) ON DELETE CASCADE,
  restaurant_id    uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
  provider         text NOT NULL CHECK (provider IN ('square')),
  state            text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'pushed', 'refused')),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz DEFAULT now(),
  pos_order_id     text,
  last_error       text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pos_order_pushes_due_idx ON pos_order_pushes (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX pos_order_pushes_pos_idx ON pos_order_pushes (provider, pos_order_id);

-- OAuth `state` values handed out by …/square/connect: single use, expiring, bound to a person.
CREATE TABLE pos_oauth_states (
  state_hash     text PRIMARY KEY,
  restaurant_id  uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
  user_id        uuid NOT NULL,
  expires_at     timestamptz NOT NULL
);

-- The order shows what the POS made of it.
ALTER TABLE orders ADD COLUMN pos_order_id text;
ALTER TABLE orders ADD COLUMN pos_error text;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['pos_connections', 'pos_catalog_links', 'pos_order_pushes', 'pos_oauth_states'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO restaurant_tenant', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I TO restaurant_tenant
      USING (restaurant_id = nullif(current_setting('app.restaurant_id', true), '')::uuid)
      WITH CHECK (restaurant_id = nullif(current_setting('app.restaurant_id', true), '')::uuid)$p$, t);
  END LOOP;
END $$;
