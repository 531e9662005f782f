-- One number, one application: every duplicate check compares a number's canonical key (E.164
-- for the draft's country, or its digits), never its text. `+86 20 3800 1234`, `020-3800-1234`
-- and `0086 20 38001234` are one number. The keys of existing rows are filled in by the Rust
-- step of this migration (numdesk-store's migrate.rs), in the same transaction.
ALTER TABLE application_numbers ADD COLUMN number_key TEXT NOT NULL DEFAULT '';
CREATE INDEX application_numbers_by_key ON application_numbers (number_key);

-- The country national numbers were read for (ISO 3166-1 alpha-2), and for drafts the form
-- their numbers are sent in.
ALTER TABLE applications ADD COLUMN country TEXT;
ALTER TABLE drafts ADD COLUMN country TEXT;
ALTER TABLE drafts ADD COLUMN number_form TEXT
    CHECK (number_form IS NULL OR number_form IN ('national', 'international'));
