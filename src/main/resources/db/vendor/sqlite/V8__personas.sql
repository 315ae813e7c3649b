-- Nothing to do: PostgreSQL widens personas.variables and personas.allowed_tools to TEXT in its V8, and SQLite
-- never enforced the lengths of V6. This file keeps the version numbers of both databases in step.
SELECT 1;
