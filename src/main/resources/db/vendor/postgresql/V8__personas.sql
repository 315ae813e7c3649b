-- A persona may have 50 variables of up to 2,000 characters each, and name any of the registered tools: more than
-- the VARCHAR(8000) and VARCHAR(4000) of V6 hold. The application enforces the limits; the columns only store.
ALTER TABLE personas ALTER COLUMN variables TYPE TEXT, ALTER COLUMN allowed_tools TYPE TEXT;
