-- The first operator of a new install: while no operator exists, the server prints a setup link
-- in its console at start. It is an operator invite without an email: whoever opens the link
-- chooses the email and the password, once, and only while there is still no operator.
ALTER TABLE invites ALTER COLUMN email DROP NOT NULL;
ALTER TABLE invites ADD CONSTRAINT invites_setup_is_operator CHECK (email IS NOT NULL OR role = 'operator');
