-- A paid order cancelled afterwards is refunded through Stripe by a durable payment job, once
-- (the refund's idempotency key is the order's id); the order keeps when and which refund.
ALTER TABLE payment_jobs DROP CONSTRAINT payment_jobs_kind_check;
ALTER TABLE payment_jobs ADD CONSTRAINT payment_jobs_kind_check CHECK (kind IN ('reminder', 'expire', 'refund'));
ALTER TABLE orders ADD COLUMN refund_id text;
ALTER TABLE orders ADD COLUMN refunded_at timestamptz;
