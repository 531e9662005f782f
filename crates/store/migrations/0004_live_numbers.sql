-- What DescribeNumbers last listed per destination and SdkAppId, and when it was read: the
-- approval watch and "Bring in the numbers already in this contact centre" write it; import
-- marks a row whose number is already live there (Tencent would refuse it as PhoneNumInvalid).
-- `scope` is the destination as duplicates see it: 'intl', 'china', 'sandbox' (any loopback
-- port) or 'custom:<host>'.
CREATE TABLE live_listings (
    scope       TEXT NOT NULL,
    sdk_app_id  INTEGER NOT NULL CHECK (sdk_app_id > 0),
    read_at     TEXT NOT NULL,
    numbers     INTEGER NOT NULL CHECK (numbers >= 0),
    PRIMARY KEY (scope, sdk_app_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE live_numbers (
    scope       TEXT NOT NULL,
    sdk_app_id  INTEGER NOT NULL,
    -- Canonical key (numdesk-model), and the number as Tencent listed it.
    number_key  TEXT NOT NULL,
    number      TEXT NOT NULL,
    -- China site only: 1 own number, 0 bought from Tencent; NULL on the International site.
    cost_type   INTEGER,
    PRIMARY KEY (scope, sdk_app_id, number_key),
    FOREIGN KEY (scope, sdk_app_id) REFERENCES live_listings (scope, sdk_app_id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE INDEX live_numbers_by_key ON live_numbers (number_key);
