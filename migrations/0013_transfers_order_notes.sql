-- A person, and the call after the order (issue 28).
-- Each call keeps its transfers: a jsonb array of {requested_at, status, reason?, updated_at},
-- status one of requested | connected | no_answer | busy | failed | unavailable. Written from the
-- transfer-destination-request, Vapi's transfer-update messages and the end-of-call report.
ALTER TABLE call_history ADD COLUMN transfers jsonb NOT NULL DEFAULT '[]'::jsonb
  CHECK (jsonb_typeof(transfers) = 'array');

-- The whole order's notes and the party's allergies, in the caller's words: shown first everywhere.
ALTER TABLE orders ADD COLUMN notes text CHECK (length(notes) <= 500);
ALTER TABLE orders ADD COLUMN allergies text CHECK (length(allergies) <= 300);

-- order_status / cancel_order find a caller's latest orders by the number they call from.
CREATE INDEX orders_restaurant_phone_idx ON orders (restaurant_id, customer_phone, created_at DESC)
  WHERE customer_phone IS NOT NULL;

-- A complaint about an order ("you forgot the salad") is a message linked to that order: the
-- caller's latest recent order, found by the number they call from (messages come from 0012).
ALTER TABLE messages ADD COLUMN order_id uuid REFERENCES orders(id) ON DELETE SET NULL;
