-- A knowledge search in one round trip, row-level security kept. Before, each search was four
-- statements (BEGIN, the tenant's set_config, the search, COMMIT). tenant_search sets the same two
-- transaction-local settings (app.restaurant_id and role restaurant_tenant) and only then plans
-- and runs the search, so the tenant_isolation policy applies to it exactly as inside withTenant;
-- called alone, the statement is its own transaction and both settings end with it.
--
-- embedding_dims: a vector's dimensions, stored, so that a search compares them without reading
-- (detoasting) each 1,536-d vector twice, once for vector_dims and once for the distance.
ALTER TABLE document_embeddings
  ADD COLUMN embedding_dims integer GENERATED ALWAYS AS (vector_dims(embedding)) STORED;

CREATE OR REPLACE FUNCTION tenant_search(
  p_restaurant_id uuid,
  p_category text,
  p_vector text,
  p_model text,
  p_text text,
  p_tsquery text,
  p_limit integer
) RETURNS TABLE (
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
  q vector := p_vector::vector;
  q_dims integer := vector_dims(p_vector::vector);
  ts tsquery := CASE WHEN p_tsquery = '' THEN NULL ELSE to_tsquery('english', p_tsquery) END;
BEGIN
  PERFORM set_config('app.restaurant_id', p_restaurant_id::text, true), set_config('role', 'restaurant_tenant', true);
  -- The ranking is the one knowledge.repository.ts documents (weighted fusion, then menu order).
  RETURN QUERY
    SELECT s.source_id, s.title, s.content, s.metadata, s.vector_score, s.text_score, s.name_score FROM (
      SELECT d.source_id, d.title, d.content, d.metadata,
        CASE WHEN q IS NOT NULL AND d.embedding_model = p_model AND d.embedding_dims = q_dims
          THEN 1 - (d.embedding <=> q) ELSE 0 END AS vector_score,
        coalesce(ts_rank(d.search_vector, ts, 32), 0) AS text_score,
        word_similarity(d.title, p_text) AS name_score
      FROM document_embeddings d
      WHERE d.restaurant_id = p_restaurant_id AND d.category = p_category
    ) s
    ORDER BY 0.5 * s.vector_score + 0.3 * s.text_score + 0.2 * s.name_score DESC, (s.metadata->>'position')::int
    LIMIT p_limit;
END
$$;
