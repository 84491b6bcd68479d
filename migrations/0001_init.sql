-- Core schema: restaurants and their data, the knowledge index, phone routing, call history.
-- Plain SQL so that it runs unchanged on PGlite, Debian's PostgreSQL and Supabase.
CREATE EXTENSION IF NOT EXISTS vector;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE restaurants (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  timezone      text NOT NULL DEFAULT 'UTC',
  api_key_hash  text NOT NULL UNIQUE,
  settings      jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE menu_items (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  restaurant_id uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
  position      integer NOT NULL DEFAULT 0,
  name          text NOT NULL,
  description   text,
  price         numeric(10, 2) NOT NULL CHECK (price >= 0),
  category      text,
  available     boolean NOT NULL DEFAULT true,
  dietary       text[] NOT NULL DEFAULT '{}',
  allergens     text[] NOT NULL DEFAULT '{}',
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX menu_items_restaurant_idx ON menu_items (restaurant_id, position);

CREATE TABLE modifiers (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  restaurant_id uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
  position      integer NOT NULL DEFAULT 0,
  name          text NOT NULL,
  description   text,
  price         numeric(10, 2) NOT NULL DEFAULT 0 CHECK (price >= 0),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX modifiers_restaurant_idx ON modifiers (restaurant_id, position);

-- Several rows per day are split shifts; close_time <= open_time means closing after midnight.
-- day_of_week: 0 = Sunday … 6 = Saturday, as in JavaScript's Date#getDay.
CREATE TABLE operating_hours (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  restaurant_id uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
  position      integer NOT NULL DEFAULT 0,
  day_of_week   smallint NOT NULL CHECK (day_of_week BETWEEN 0 AND 6),
  open_time     time,
  close_time    time,
  is_closed     boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (is_closed OR (open_time IS NOT NULL AND close_time IS NOT NULL))
);
CREATE INDEX operating_hours_restaurant_idx ON operating_hours (restaurant_id, day_of_week);

CREATE TABLE delivery_zones (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  restaurant_id uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
  position      integer NOT NULL DEFAULT 0,
  zone_name     text NOT NULL,
  description   text,
  delivery_fee  numeric(10, 2) NOT NULL DEFAULT 0 CHECK (delivery_fee >= 0),
  min_order     numeric(10, 2) CHECK (min_order >= 0),
  postal_codes  text[] NOT NULL DEFAULT '{}',
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX delivery_zones_restaurant_idx ON delivery_zones (restaurant_id, position);

-- One document per source row (menu item, modifier, zone); content_hash lets re-indexing skip
-- unchanged rows. Searched per restaurant and category through the btree index, then ordered
-- exactly by distance: a global ANN index filtered afterwards loses rows as tenants grow.
CREATE TABLE document_embeddings (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  restaurant_id   uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
  category        text NOT NULL,
  source_id       uuid NOT NULL,
  title           text NOT NULL DEFAULT '',
  content         text NOT NULL,
  content_hash    text NOT NULL,
  embedding       vector(1536) NOT NULL,
  embedding_model text NOT NULL,
  metadata        jsonb NOT NULL DEFAULT '{}'::jsonb,
  search_vector   tsvector GENERATED ALWAYS AS (to_tsvector('english', title || ' ' || content)) STORED,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (restaurant_id, category, source_id)
);
CREATE INDEX document_embeddings_restaurant_category_idx ON document_embeddings (restaurant_id, category);

CREATE TABLE restaurant_phone_mappings (
  phone_number          text PRIMARY KEY CHECK (phone_number ~ '^\+[1-9][0-9]{6,14}$'),
  restaurant_id         uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
  vapi_phone_number_id  text UNIQUE,
  created_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX restaurant_phone_mappings_restaurant_idx ON restaurant_phone_mappings (restaurant_id);

CREATE TABLE call_history (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  restaurant_id     uuid REFERENCES restaurants(id) ON DELETE CASCADE,
  vapi_call_id      text UNIQUE,
  caller            text,
  dialed_number     text,
  status            text,
  started_at        timestamptz,
  ended_at          timestamptz,
  duration_seconds  numeric(10, 2),
  outcome           text,
  summary           text,
  transcript        text,
  recording_url     text,
  cost              numeric(10, 4),
  cost_breakdown    jsonb,
  messages          jsonb NOT NULL DEFAULT '[]'::jsonb,
  tool_calls        jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX call_history_restaurant_started_idx ON call_history (restaurant_id, started_at DESC, id DESC);

-- Tenant isolation. Restaurant-scoped work runs in a transaction that switches to this role and
-- sets app.restaurant_id transaction-locally; the policies then hide every other tenant's rows
-- even from a query that forgets its WHERE. Operator work runs as the owner, which RLS exempts.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'restaurant_tenant') THEN
    CREATE ROLE restaurant_tenant NOLOGIN NOBYPASSRLS;
  END IF;
END
$$;
-- The migrating user must be able to SET ROLE to it (implicit for superusers; needed on Supabase).
DO $$
BEGIN
  EXECUTE format('GRANT restaurant_tenant TO %I', current_user);
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'could not grant restaurant_tenant to %: %', current_user, SQLERRM;
END
$$;

GRANT USAGE ON SCHEMA public TO restaurant_tenant;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['menu_items', 'modifiers', 'operating_hours', 'delivery_zones',
                           'document_embeddings', 'restaurant_phone_mappings', 'call_history']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO restaurant_tenant', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I TO restaurant_tenant '
      'USING (restaurant_id = nullif(current_setting(''app.restaurant_id'', true), '''')::uuid) '
      'WITH CHECK (restaurant_id = nullif(current_setting(''app.restaurant_id'', true), '''')::uuid)', t);
  END LOOP;
END
$$;

ALTER TABLE restaurants ENABLE ROW LEVEL SECURITY;
GRANT SELECT, UPDATE ON restaurants TO restaurant_tenant;
CREATE POLICY tenant_isolation ON restaurants TO restaurant_tenant
  USING (id = nullif(current_setting('app.restaurant_id', true), '')::uuid)
  WITH CHECK (id = nullif(current_setting('app.restaurant_id', true), '')::uuid);
