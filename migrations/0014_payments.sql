-- Payment by text link (Stripe Checkout). The restaurant's currency; orders that wait for their
-- payment before the kitchen sees them; the durable timers that remind and expire them.
ALTER TABLE restaurants ADD COLUMN currency text NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$');

-- orders.status gains awaiting_payment (the constraint from 0007 is dropped and re-added).
ALTER TABLE orders DROP CONSTRAINT orders_status_check;
ALTER TABLE orders ADD CONSTRAINT orders_status_check
  CHECK (status IN ('awaiting_payment', 'new', 'accepted', 'ready', 'completed', 'cancelled'));
-- The currency the order was priced in, copied like its prices.
ALTER TABLE orders ADD COLUMN currency text NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$');
ALTER TABLE orders ADD COLUMN payment_status text NOT NULL DEFAULT 'not_required'
  CHECK (payment_status IN ('not_required', 'pending', 'paid', 'expired'));
ALTER TABLE orders ADD COLUMN payment_session_id text;
ALTER TABLE orders ADD COLUMN payment_url text;
ALTER TABLE orders ADD COLUMN payment_expires_at timestamptz;
ALTER TABLE orders ADD COLUMN paid_at timestamptz;
CREATE UNIQUE INDEX orders_payment_session_idx ON orders (payment_session_id) WHERE payment_session_id IS NOT NULL;

-- Reminders and expiry of unpaid orders: due at a time of the app's clock, claimed with a lease
-- (FOR UPDATE SKIP LOCKED), so each runs once across instances and survives a restart.
CREATE TABLE payment_jobs (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  restaurant_id  uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
  order_id       uuid NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  kind           text NOT NULL CHECK (kind IN ('reminder', 'expire')),
  due_at         timestamptz NOT NULL,
  -- While set and in the future, one instance is running the job.
  leased_until   timestamptz,
  attempts       integer NOT NULL DEFAULT 0,
  done_at        timestamptz,
  last_error     text,
  UNIQUE (order_id, kind, due_at)
);
CREATE INDEX payment_jobs_due_idx ON payment_jobs (due_at) WHERE done_at IS NULL;

ALTER TABLE payment_jobs ENABLE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON payment_jobs TO restaurant_tenant;
GRANT USAGE ON SEQUENCE payment_jobs_id_seq TO restaurant_tenant;
CREATE POLICY tenant_isolation ON payment_jobs TO restaurant_tenant
  USING (restaurant_id = nullif(current_setting('app.restaurant_id', true), '')::uuid)
  WITH CHECK (restaurant_id = nullif(current_setting('app.restaurant_id', true), '')::uuid);
