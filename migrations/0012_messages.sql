-- Telling the restaurant (settings.notify) and the messages callers leave (take_message,
-- request_event). Both are tenant tables under the same row-level security as the others.

-- One SMS or e-mail to a person at the restaurant, written in the transaction of what it tells
-- (a message, an unpaid order ...) and sent from here with retries: a failed SMTP or SMS loses nothing.
CREATE TABLE restaurant_notifications (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  restaurant_id    uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
  channel          text NOT NULL CHECK (channel IN ('sms', 'email')),
  recipient        text NOT NULL,
  subject          text NOT NULL,
  body             text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  attempts         integer NOT NULL DEFAULT 0,
  -- Due while set; a claim pushes it out by a lease, a failure by the backoff; NULL once settled.
  next_attempt_at  timestamptz DEFAULT now(),
  delivered_at     timestamptz,
  last_error       text
);
CREATE INDEX restaurant_notifications_due_idx ON restaurant_notifications (next_attempt_at)
  WHERE next_attempt_at IS NOT NULL;
CREATE INDEX restaurant_notifications_restaurant_idx ON restaurant_notifications (restaurant_id, id DESC);

ALTER TABLE restaurant_notifications ENABLE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON restaurant_notifications TO restaurant_tenant;
GRANT USAGE ON SEQUENCE restaurant_notifications_id_seq TO restaurant_tenant;
CREATE POLICY tenant_isolation ON restaurant_notifications TO restaurant_tenant
  USING (restaurant_id = nullif(current_setting('app.restaurant_id', true), '')::uuid)
  WITH CHECK (restaurant_id = nullif(current_setting('app.restaurant_id', true), '')::uuid);

-- A message for the staff or an event request (a large party, catering, a private event).
CREATE TABLE messages (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  restaurant_id    uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
  kind             text NOT NULL CHECK (kind IN ('message', 'large_party', 'catering', 'private_event')),
  name             text NOT NULL,
  -- E.164; the caller's own number unless they gave another (NULL when neither is known).
  callback_number  text,
  reason           text,
  -- The day the caller asked for, as they said it or as YYYY-MM-DD.
  event_date       text,
  party_size       integer CHECK (party_size IS NULL OR party_size > 0),
  email            text,
  notes            text,
  status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  vapi_call_id     text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX messages_restaurant_status_idx ON messages (restaurant_id, status, created_at DESC);

ALTER TABLE messages ENABLE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON messages TO restaurant_tenant;
CREATE POLICY tenant_isolation ON messages TO restaurant_tenant
  USING (restaurant_id = nullif(current_setting('app.restaurant_id', true), '')::uuid)
  WITH CHECK (restaurant_id = nullif(current_setting('app.restaurant_id', true), '')::uuid);

-- The activity stream gains message.created (contract: "Events gain message.created").
ALTER TABLE activity_outbox DROP CONSTRAINT IF EXISTS activity_outbox_type_check;
ALTER TABLE activity_outbox ADD CONSTRAINT activity_outbox_type_check CHECK (type IN (
  'order.created', 'order.updated', 'reservation.created', 'reservation.updated', 'call.ended', 'message.created'));
