-- Several knowledge searches of one restaurant in one statement, row-level security kept: a menu
-- question the menu does not answer is asked of the FAQs too, and both candidate lists now come
-- from one round trip instead of two. tenant_searches sets the two transaction-local settings of
-- withTenant (app.restaurant_id and role restaurant_tenant) before it plans any search, exactly as
-- tenant_search (0017) did; called alone, the statement is its own transaction and both settings
-- end with it. Search i uses the i-th element of every array; its rows carry i (1-based) in
-- `search`. Each search is the one tenant_search ran (weighted fusion, then menu order), so a
-- search answers the same rows alone or with others.
CREATE OR REPLACE FUNCTION tenant_searches(
  p_restaurant_id uuid,
  p_model text,
  p_categories text[],
  p_vectors text[],
  p_texts text[],
  p_tsqueries text[],
  p_limits integer[]
) RETURNS TABLE (
  search integer,
  source_id uuid,
  title text,
  content text,
  metadata jsonb,
  vector_score double precision,
  text_score real,
  name_score real
) LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  q vector;
  q_dims integer;
  ts tsquery;
BEGIN
  PERFORM set_config('app.restaurant_id', p_restaurant_id::text, true), set_config('role', 'restaurant_tenant', true);
  FOR i IN 1 .. coalesce(array_length(p_categories, 1), 0) LOOP
    q := p_vectors[i]::vector;
    q_dims := vector_dims(q);
    ts := CASE WHEN coalesce(p_tsqueries[i], '') = '' THEN NULL ELSE to_tsquery('english', p_tsqueries[i]) END;
    RETURN QUERY
      SELECT i, s.source_id, s.title, s.content, s.metadata, s.vector_score, s.text_score, s.name_score FROM (
        SELECT d.source_id, d.title, d.content, d.metadata,
          CASE WHEN q IS NOT NULL AND d.embedding_model = p_model AND d.embedding_dims = q_dims
            THEN 1 - (d.embedding <=> q) ELSE 0 END AS vector_score,
          coalesce(ts_rank(d.search_vector, ts, 32), 0) AS text_score,
          word_similarity(d.title, p_texts[i]) AS name_score
        FROM document_embeddings d
        WHERE d.restaurant_id = p_restaurant_id AND d.category = p_categories[i]
      ) s
      ORDER BY 0.5 * s.vector_score + 0.3 * s.text_score + 0.2 * s.name_score DESC, (s.metadata->>'position')::int
      LIMIT p_limits[i];
  END LOOP;
END
$$;

DROP FUNCTION IF EXISTS tenant_search(uuid, text, text, text, text, text, integer);

-- A restaurant's delivery zones in one statement, scoped as tenant_searches is: the menu tool asks
-- them whether a question it cannot answer names a postcode or zone ("do you deliver to N16"),
-- and a transaction of four statements was the slowest part of such an answer.
CREATE OR REPLACE FUNCTION tenant_delivery_zones(p_restaurant_id uuid)
RETURNS TABLE (
  zone_name text,
  description text,
  delivery_fee numeric,
  min_order numeric,
  postal_codes text[]
) LANGUAGE plpgsql AS $$
#variable_conflict use_column
BEGIN
  PERFORM set_config('app.restaurant_id', p_restaurant_id::text, true), set_config('role', 'restaurant_tenant', true);
  RETURN QUERY
    SELECT z.zone_name, z.description, z.delivery_fee, z.min_order, z.postal_codes
    FROM delivery_zones z
    WHERE z.restaurant_id = p_restaurant_id
    ORDER BY z.position, z.created_at;
END
$$;
