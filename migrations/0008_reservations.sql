-- Table reservations booked by the phone assistant (book_table) and moved along by the staff.
-- The caller's number comes from the call, never from the model's arguments.

CREATE TABLE reservations (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  restaurant_id uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
  party_size    integer NOT NULL CHECK (party_size BETWEEN 1 AND 10000),
  date          date NOT NULL,
  -- The slot's start, local to the restaurant's time zone (as its hours are).
  time          time NOT NULL,
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  caller_phone  text,
  vapi_call_id  text,
  status        text NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'confirmed', 'cancelled', 'seated', 'no_show')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reservations_restaurant_date_idx ON reservations (restaurant_id, date, time);
-- One booking per call and restaurant while it is pending: booking again in the same call replaces it.
CREATE UNIQUE INDEX reservations_pending_call_idx ON reservations (restaurant_id, vapi_call_id)
  WHERE status = 'pending' AND vapi_call_id IS NOT NULL;

ALTER TABLE reservations ENABLE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON reservations TO restaurant_tenant;
CREATE POLICY tenant_isolation ON reservations TO restaurant_tenant
  USING (restaurant_id = nullif(current_setting('app.restaurant_id', true), '')::uuid)
  WITH CHECK (restaurant_id = nullif(current_setting('app.restaurant_id', true), '')::uuid);
