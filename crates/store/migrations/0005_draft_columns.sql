-- The columns of the source file each field was read from (JSON array in the order PhoneNumber,
-- CallType, MaxCallCount, MaxCallPSec, OutboundCalleeFormat, CarrierPhoneNumber; null: not in
-- the file), so a draft opened again names the file's columns in its findings ("column B").
ALTER TABLE drafts ADD COLUMN source_columns TEXT
    CHECK (source_columns IS NULL OR json_valid(source_columns));
