-- A restaurant's delivery zones in one statement, row-level security kept: the menu tool asks
-- them whether a question it cannot answer names a postcode or zone ("do you deliver to N16"), and
-- so does the zones tool; a transaction of four statements (BEGIN, the tenant's set_config, the
-- read, COMMIT) was the slowest part of such an answer after the search. tenant_delivery_zones sets
-- the same two transaction-local settings as withTenant (app.restaurant_id and role
-- restaurant_tenant), as tenant_search (0017) does, before it reads; called alone, the statement is
-- its own transaction and both settings end with it. Ordered as the zones' documents are.
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
