-- Knowledge the restaurant controls: its own questions and answers, special dates that replace a
-- weekday's hours, items sold out until a given time, and unanswered questions grouped by meaning.

-- An unavailable item with this time comes back by itself then; availability is computed at
-- answer time from it, so no job has to flip the flag.
ALTER TABLE menu_items ADD COLUMN available_again_at timestamptz;

CREATE TABLE faqs (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  restaurant_id uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
  position      integer NOT NULL DEFAULT 0,
  question      text NOT NULL CHECK (length(question) BETWEEN 1 AND 500),
  answer        text NOT NULL CHECK (length(answer) BETWEEN 1 AND 2000),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX faqs_restaurant_idx ON faqs (restaurant_id, position);

-- Several rows for one date are that date's shifts; together they replace the weekday's hours.
CREATE TABLE special_dates (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  restaurant_id uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
  position      integer NOT NULL DEFAULT 0,
  date          date NOT NULL,
  name          text,
  open_time     time,
  close_time    time,
  is_closed     boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (is_closed OR (open_time IS NOT NULL AND close_time IS NOT NULL))
);
CREATE INDEX special_dates_restaurant_date_idx ON special_dates (restaurant_id, date);

-- One entry per question asked in whatever words: unanswered tool invocations are grouped into
-- these by meaning (embedding distance to the entry's first wording). Answering one with an FAQ
-- closes it; later unanswered askings open a new entry.
CREATE TABLE unanswered_questions (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  restaurant_id   uuid NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
  question        text NOT NULL,
  normalized_query text NOT NULL,
  embedding       vector(1536),
  embedding_model text,
  status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered')),
  faq_id          uuid REFERENCES faqs(id) ON DELETE SET NULL,
  answered_at     timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX unanswered_questions_restaurant_idx ON unanswered_questions (restaurant_id, status);

ALTER TABLE tool_invocations
  ADD COLUMN unanswered_question_id uuid REFERENCES unanswered_questions(id) ON DELETE SET NULL;
CREATE INDEX tool_invocations_ungrouped_idx ON tool_invocations (restaurant_id, invoked_at)
  WHERE unanswered AND unanswered_question_id IS NULL;
CREATE INDEX tool_invocations_question_idx ON tool_invocations (unanswered_question_id)
  WHERE unanswered_question_id IS NOT NULL;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['faqs', 'special_dates', 'unanswered_questions']
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
