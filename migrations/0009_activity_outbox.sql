-- The restaurant activity stream's durable outbox: every order, reservation and call event is
-- written here in the transaction that made it, then published to the dashboards' event streams
-- and (order events) POSTed to the restaurant's order webhook. A crash between the commit and the
-- delivery loses nothing: whichever instance polls next picks the row up.
CREATE TABLE activity_outbox (
  -- Monotonic: the SSE event id, the polling cursor and the delivery order per restaurant.
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  restaurant_id    uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
  type             text NOT NULL CHECK (type IN ('order.created', 'order.updated', 'reservation.created',
                                                 'reservation.updated', 'call.ended')),
  data             jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- Sent as the webhook's Idempotency-Key; a replayed write (the same key) records nothing new.
  idempotency_key  text NOT NULL DEFAULT gen_random_uuid()::text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  -- Set once the row went out on the event bus (Redis pub/sub or in process).
  published_at     timestamptz,
  -- Order webhook delivery: due while next_attempt_at is set; a claim pushes it out by a lease.
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz,
  delivered_at     timestamptz,
  last_error       text,
  UNIQUE (restaurant_id, idempotency_key)
);
CREATE INDEX activity_outbox_unpublished_idx ON activity_outbox (id) WHERE published_at IS NULL;
CREATE INDEX activity_outbox_due_idx ON activity_outbox (restaurant_id, id) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX activity_outbox_recent_idx ON activity_outbox (restaurant_id, id DESC);
CREATE INDEX activity_outbox_created_idx ON activity_outbox (created_at);

ALTER TABLE activity_outbox ENABLE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON activity_outbox TO restaurant_tenant;
-- Writers scoped to a restaurant (withTenant) insert rows, which draws on the identity sequence.
GRANT USAGE ON SEQUENCE activity_outbox_id_seq TO restaurant_tenant;
CREATE POLICY tenant_isolation ON activity_outbox TO restaurant_tenant
  USING (restaurant_id = nullif(current_setting('app.restaurant_id', true), '')::uuid)
  WITH CHECK (restaurant_id = nullif(current_setting('app.restaurant_id', true), '')::uuid);
