-- Call history from Vapi's reports, and every tool call answered (for "unanswered" insights).

-- 'vapi' rows come from webhooks, 'manual' ones from POST /api/calls.
ALTER TABLE call_history ADD COLUMN source text NOT NULL DEFAULT 'vapi';
-- Set once the end-of-call report arrived: from then on, status updates only fill gaps.
ALTER TABLE call_history ADD COLUMN report_received_at timestamptz;
-- The instant a call is listed and paginated by: a status update may come without startedAt.
ALTER TABLE call_history ADD COLUMN listed_at timestamptz GENERATED ALWAYS AS (COALESCE(started_at, created_at)) STORED;

DROP INDEX IF EXISTS call_history_restaurant_started_idx;
CREATE INDEX call_history_restaurant_listed_idx ON call_history (restaurant_id, listed_at DESC, id DESC);
-- Calls to numbers no restaurant owns: the operator's unrouted list.
CREATE INDEX call_history_unrouted_idx ON call_history (listed_at DESC, id DESC) WHERE restaurant_id IS NULL;
-- The retention purge scans by age across restaurants.
CREATE INDEX call_history_listed_idx ON call_history (listed_at);

CREATE TABLE tool_invocations (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  restaurant_id    uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
  vapi_call_id     text,
  -- Vapi's toolCall id; with the call id it makes a replayed tool-calls request a no-op.
  tool_call_id     text,
  tool             text NOT NULL,
  query            text NOT NULL,
  -- Lowercased, punctuation and filler words removed: the key "unanswered" questions group by.
  normalized_query text NOT NULL,
  result           text NOT NULL,
  unanswered       boolean NOT NULL DEFAULT false,
  invoked_at       timestamptz NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (vapi_call_id, tool_call_id)
);
CREATE INDEX tool_invocations_restaurant_invoked_idx ON tool_invocations (restaurant_id, invoked_at DESC);
CREATE INDEX tool_invocations_call_idx ON tool_invocations (vapi_call_id);
CREATE INDEX tool_invocations_unanswered_idx ON tool_invocations (restaurant_id, tool, normalized_query) WHERE unanswered;
CREATE INDEX tool_invocations_invoked_idx ON tool_invocations (invoked_at);

ALTER TABLE tool_invocations ENABLE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON tool_invocations TO restaurant_tenant;
CREATE POLICY tenant_isolation ON tool_invocations TO restaurant_tenant
  USING (restaurant_id = nullif(current_setting('app.restaurant_id', true), '')::uuid)
  WITH CHECK (restaurant_id = nullif(current_setting('app.restaurant_id', true), '')::uuid);
