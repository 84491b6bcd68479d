-- People: users who sign in, their memberships in restaurants, the invites and password resets
-- that create and recover accounts, server-side sessions, and the audit log of writes.
-- Every token and session id is stored only as its SHA-256: they are 256-bit random values, so a
-- database leak yields nothing usable.

CREATE TABLE users (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Stored lowercased; unique whatever the case it was typed in.
  email          text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
  name           text,
  -- argon2id (PHC string); never NULL: a user exists only once an invite was accepted with a password.
  password_hash  text NOT NULL,
  is_operator    boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_idx ON users (lower(email));

-- Deleting a restaurant removes its memberships; the last owner cannot be removed (use case).
CREATE TABLE memberships (
  restaurant_id  uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
  user_id        uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role           text NOT NULL CHECK (role IN ('owner', 'staff')),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (restaurant_id, user_id)
);
CREATE INDEX memberships_user_idx ON memberships (user_id);

-- An operator invite has no restaurant; a restaurant invite names one.
CREATE TABLE invites (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash     text NOT NULL UNIQUE,
  email          text NOT NULL CHECK (email = lower(email)),
  role           text NOT NULL CHECK (role IN ('owner', 'staff', 'operator')),
  restaurant_id  uuid REFERENCES restaurants(id) ON DELETE CASCADE,
  invited_by     uuid REFERENCES users(id) ON DELETE SET NULL,
  expires_at     timestamptz NOT NULL,
  accepted_at    timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK ((role = 'operator') = (restaurant_id IS NULL))
);
CREATE INDEX invites_restaurant_idx ON invites (restaurant_id);

CREATE TABLE password_resets (
  token_hash     text PRIMARY KEY,
  user_id        uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  expires_at     timestamptz NOT NULL,
  used_at        timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX password_resets_user_idx ON password_resets (user_id);

-- Revocable sessions: logout deletes the row; idle and absolute lifetimes are checked on each use.
CREATE TABLE sessions (
  id_hash        text PRIMARY KEY,
  user_id        uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at     timestamptz NOT NULL DEFAULT now(),
  last_seen_at   timestamptz NOT NULL DEFAULT now(),
  expires_at     timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

-- Who changed what. No foreign key to restaurants: the record of a restaurant's deletion outlives it.
CREATE TABLE audit_log (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  restaurant_id  uuid,
  actor_kind     text NOT NULL CHECK (actor_kind IN ('operator_key', 'restaurant_key', 'user')),
  user_id        uuid REFERENCES users(id) ON DELETE SET NULL,
  user_email     text,
  method         text NOT NULL,
  route          text NOT NULL,
  status_code    integer NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_restaurant_idx ON audit_log (restaurant_id, created_at DESC, id DESC);

-- Tenant isolation as for the other restaurant tables: a restaurant's scope sees only its rows.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['memberships', 'invites', 'audit_log']
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
-- Members listed within a restaurant's scope show their email and name: only the members' rows.
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON users TO restaurant_tenant;
CREATE POLICY tenant_members ON users FOR SELECT TO restaurant_tenant
  USING (EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id
                 AND m.restaurant_id = nullif(current_setting('app.restaurant_id', true), '')::uuid));
-- Sessions and password resets are never tenant data: no grant to restaurant_tenant.
