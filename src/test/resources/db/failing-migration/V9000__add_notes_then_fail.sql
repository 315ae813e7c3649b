-- Changes data and schema, then fails: the test checks that none of it survives.
CREATE TABLE notes (id BIGINT NOT NULL PRIMARY KEY, body VARCHAR(100) NOT NULL);
INSERT INTO notes (id, body) VALUES (1, 'must not survive');
UPDATE installation SET created_by = 'changed by a failed migration';
INSERT INTO no_such_table (id) VALUES (1);
