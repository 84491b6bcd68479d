-- Orders taken on the phone. Prices are copied into the order in integer cents when it is placed,
-- so later menu changes never alter what a caller was told. Lines are a jsonb array of
-- {name, quantity, options, notes, unit_price_cents, line_total_cents}: they are read and written
-- only with their order.
CREATE TABLE orders (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  restaurant_id       uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
  -- Short enough to say aloud ("order one oh four"): counted per restaurant from 101.
  number              integer NOT NULL CHECK (number > 0),
  status              text NOT NULL DEFAULT 'new'
                        CHECK (status IN ('new', 'accepted', 'ready', 'completed', 'cancelled')),
  fulfillment         text NOT NULL CHECK (fulfillment IN ('pickup', 'delivery')),
  items               jsonb NOT NULL CHECK (jsonb_typeof(items) = 'array'),
  subtotal_cents      integer NOT NULL CHECK (subtotal_cents >= 0),
  delivery_fee_cents  integer NOT NULL DEFAULT 0 CHECK (delivery_fee_cents >= 0),
  tax_cents           integer NOT NULL DEFAULT 0 CHECK (tax_cents >= 0),
  total_cents         integer NOT NULL CHECK (total_cents = subtotal_cents + delivery_fee_cents + tax_cents),
  customer_name       text CHECK (length(customer_name) <= 200),
  -- From the call (Vapi's customer.number), never from the model's arguments.
  customer_phone      text,
  postal_code         text,
  -- When the order is ready: the caller's requested time, or placing time + pickup_lead_minutes.
  pickup_time         timestamptz NOT NULL,
  vapi_call_id        text,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (restaurant_id, number)
);
CREATE INDEX orders_restaurant_created_idx ON orders (restaurant_id, created_at DESC);
CREATE INDEX orders_restaurant_status_idx ON orders (restaurant_id, status);
-- One call has at most one order still open for changes: placing again replaces it.
CREATE UNIQUE INDEX orders_one_new_per_call_idx ON orders (restaurant_id, vapi_call_id)
  WHERE status = 'new' AND vapi_call_id IS NOT NULL;
CREATE INDEX orders_call_idx ON orders (restaurant_id, vapi_call_id) WHERE vapi_call_id IS NOT NULL;

ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON orders TO restaurant_tenant;
CREATE POLICY tenant_isolation ON orders TO restaurant_tenant
  USING (restaurant_id = nullif(current_setting('app.restaurant_id', true), '')::uuid)
  WITH CHECK (restaurant_id = nullif(current_setting('app.restaurant_id', true), '')::uuid);
