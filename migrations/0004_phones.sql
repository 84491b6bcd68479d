-- Phone number inventory and the Vapi sync state.
--
-- phone_numbers is the pool of numbers this deployment owns (bought or found at Twilio) or has
-- imported into Vapi. restaurant_phone_mappings (0001) stays the routing truth the webhooks
-- read; a provisioned number is mapped only once its Vapi import works.
--   available     owned, routed to nobody; vapi_phone_number_id NULL = not imported yet
--   provisioning  claimed by one assignment in progress (claim_token); a claim older than a few
--                 minutes is abandoned (crash) and may be taken again
--   assigned      mapped to restaurant_id; if the restaurant is deleted without releasing its
--                 numbers (provisioning switched off meanwhile), restaurant_id becomes NULL and
--                 the number counts as available again
--   released      given back to Twilio; kept for the record
CREATE TABLE phone_numbers (
  phone_number          text PRIMARY KEY CHECK (phone_number ~ '^\+[1-9][0-9]{6,14}$'),
  status                text NOT NULL DEFAULT 'available'
                        CHECK (status IN ('available', 'provisioning', 'assigned', 'released')),
  source                text NOT NULL CHECK (source IN ('vapi', 'twilio_owned', 'twilio_purchased')),
  twilio_sid            text UNIQUE,
  vapi_phone_number_id  text UNIQUE,
  restaurant_id         uuid REFERENCES restaurants(id) ON DELETE SET NULL,
  claim_token           uuid,
  claimed_at            timestamptz,
  last_error            text,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  CHECK (status <> 'provisioning' OR claim_token IS NOT NULL)
);
CREATE INDEX phone_numbers_status_idx ON phone_numbers (status, created_at);
CREATE INDEX phone_numbers_restaurant_idx ON phone_numbers (restaurant_id);

-- A restaurant may read its own numbers' inventory rows; every write goes through the operator.
ALTER TABLE phone_numbers ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON phone_numbers TO restaurant_tenant;
CREATE POLICY tenant_isolation ON phone_numbers TO restaurant_tenant
  USING (restaurant_id = nullif(current_setting('app.restaurant_id', true), '')::uuid);

-- What `npm run vapi:sync` last wrote to Vapi: one row per tool (by function name) and one for
-- the shared assistant (by name). config_hash is the hash of the desired config written;
-- remote_updated_at is Vapi's updatedAt after that write, so an unchanged remote is recognised
-- even where Vapi normalises what it stores. Not tenant data: no grant to restaurant_tenant.
CREATE TABLE vapi_sync_state (
  kind               text NOT NULL CHECK (kind IN ('tool', 'assistant')),
  name               text NOT NULL,
  vapi_id            text NOT NULL,
  config_hash        text NOT NULL,
  remote_updated_at  text,
  synced_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, name)
);
