-- Profiles, drafts and the outbox of own-number applications.
--
-- Times are UTC text 'YYYY-MM-DDTHH:MM:SS.sssZ'. Booleans are 0/1. No secret is ever stored: a
-- profile keeps the SecretId only, never the SecretKey.

-- Where to send and the defaults for new drafts.
CREATE TABLE profiles (
    id                          INTEGER PRIMARY KEY,
    name                        TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    -- 'intl', 'china' or a URL (the built-in sandbox is a loopback URL).
    endpoint                    TEXT NOT NULL CHECK (length(endpoint) > 0),
    secret_id                   TEXT,
    sdk_app_id                  INTEGER CHECK (sdk_app_id > 0),
    sip_trunk_id                INTEGER,
    prefix                      TEXT,
    mobile_ndd_prefix           TEXT,
    local_number_trim_ac        INTEGER CHECK (local_number_trim_ac IN (0, 1)),
    callee_format_passthrough   INTEGER CHECK (callee_format_passthrough IN (0, 1)),
    caller_format_passthrough   INTEGER CHECK (caller_format_passthrough IN (0, 1)),
    international_number_prefix TEXT,
    call_type                   INTEGER CHECK (call_type IN (0, 1, 2)),
    max_call_count              INTEGER CHECK (max_call_count >= 1),
    max_call_p_sec              INTEGER CHECK (max_call_p_sec >= 1),
    outbound_callee_format      TEXT CHECK (outbound_callee_format IN ('{+E.164}', '{E.164}')),
    -- ISO 3166-1 alpha-2 region used to read national-format numbers, e.g. 'CN'.
    country                     TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

-- A list of numbers being prepared, with the application header it will be sent with.
CREATE TABLE drafts (
    id                          INTEGER PRIMARY KEY,
    name                        TEXT NOT NULL,
    profile_id                  INTEGER REFERENCES profiles (id) ON DELETE SET NULL,
    sdk_app_id                  INTEGER CHECK (sdk_app_id > 0),
    sip_trunk_id                INTEGER,
    prefix                      TEXT,
    mobile_ndd_prefix           TEXT,
    local_number_trim_ac        INTEGER CHECK (local_number_trim_ac IN (0, 1)),
    callee_format_passthrough   INTEGER CHECK (callee_format_passthrough IN (0, 1)),
    caller_format_passthrough   INTEGER CHECK (caller_format_passthrough IN (0, 1)),
    international_number_prefix TEXT,
    -- Where the rows came from (a file name, "pasted text", "failed rows of draft 3").
    source                      TEXT,
    -- Set on a draft made from the failed rows of earlier applications.
    origin_draft_id             INTEGER REFERENCES drafts (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

-- The rows of a draft, as read and checked, with what the checks found.
CREATE TABLE draft_rows (
    draft_id               INTEGER NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
    position               INTEGER NOT NULL CHECK (position >= 0),
    -- Line or row in the source file (1-based), when the row came from a file.
    source_line            INTEGER,
    phone_number           TEXT NOT NULL,
    call_type              INTEGER CHECK (call_type IN (0, 1, 2)),
    max_call_count         INTEGER,
    max_call_p_sec         INTEGER,
    outbound_callee_format TEXT,
    carrier_phone_number   TEXT,
    -- JSON array of {severity, code, field, message}.
    findings               TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(findings)),
    has_error              INTEGER NOT NULL DEFAULT 0 CHECK (has_error IN (0, 1)),
    PRIMARY KEY (draft_id, position)
) STRICT, WITHOUT ROWID;

-- One row per CreateOwnNumberApply call: the outbox.
CREATE TABLE applications (
    id                          INTEGER PRIMARY KEY,
    draft_id                    INTEGER REFERENCES drafts (id) ON DELETE SET NULL,
    -- Position of this batch within its submission (0-based).
    batch_index                 INTEGER NOT NULL DEFAULT 0,
    -- Sandbox and real submissions are kept apart: 'intl', 'china', 'sandbox' (any loopback
    -- URL; its port changes between runs) or 'custom' (another URL, matched by host).
    endpoint_kind               TEXT NOT NULL CHECK (endpoint_kind IN ('intl', 'china', 'sandbox', 'custom')),
    endpoint_host               TEXT NOT NULL,
    sdk_app_id                  INTEGER NOT NULL CHECK (sdk_app_id > 0),
    sip_trunk_id                INTEGER NOT NULL,
    prefix                      TEXT,
    mobile_ndd_prefix           TEXT,
    local_number_trim_ac        INTEGER CHECK (local_number_trim_ac IN (0, 1)),
    callee_format_passthrough   INTEGER CHECK (callee_format_passthrough IN (0, 1)),
    caller_format_passthrough   INTEGER CHECK (caller_format_passthrough IN (0, 1)),
    international_number_prefix TEXT,
    -- queued -> sending -> submitted | failed | unknown
    state                       TEXT NOT NULL DEFAULT 'queued'
        CHECK (state IN ('queued', 'sending', 'submitted', 'failed', 'unknown')),
    apply_id                    INTEGER,
    request_id                  TEXT,
    error_code                  TEXT,
    error_message               TEXT,
    -- How the state was reached when no answer said so (crash recovery, resolved by the user).
    note                        TEXT,
    -- Every number was seen live (DescribeNumbers, CostType 1).
    approved_at                 TEXT,
    -- The draft its failed numbers were copied to ("new draft from failed rows").
    redrafted_to                INTEGER REFERENCES drafts (id) ON DELETE SET NULL,
    -- A ModifyOwnNumberApply in progress ('sending') or with no answer ('unknown'), and the
    -- DetailList it sends (JSON).
    modify_state                TEXT CHECK (modify_state IN ('sending', 'unknown')),
    modify_details              TEXT CHECK (modify_details IS NULL OR json_valid(modify_details)),
    modify_count                INTEGER NOT NULL DEFAULT 0,
    modify_error_code           TEXT,
    modify_error_message        TEXT,
    created_at                  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at                  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    -- When the request was (about to be) sent, and when its answer was recorded.
    sent_at                     TEXT,
    answered_at                 TEXT,
    CHECK (state <> 'submitted' OR apply_id IS NOT NULL),
    CHECK ((modify_state IS NULL) = (modify_details IS NULL))
) STRICT;

CREATE INDEX applications_by_state ON applications (state, endpoint_kind, id);
CREATE INDEX applications_by_draft ON applications (draft_id, batch_index);
CREATE INDEX applications_by_apply_id ON applications (apply_id) WHERE apply_id IS NOT NULL;

-- The numbers of each application (its DetailList).
CREATE TABLE application_numbers (
    application_id         INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    position               INTEGER NOT NULL CHECK (position >= 0),
    phone_number           TEXT NOT NULL,
    call_type              INTEGER NOT NULL CHECK (call_type IN (0, 1, 2)),
    max_call_count         INTEGER NOT NULL CHECK (max_call_count >= 1),
    max_call_p_sec         INTEGER NOT NULL CHECK (max_call_p_sec >= 1),
    outbound_callee_format TEXT,
    carrier_phone_number   TEXT,
    -- The draft row it came from.
    draft_position         INTEGER,
    -- First seen live by DescribeNumbers as an own number (CostType 1).
    live_at                TEXT,
    PRIMARY KEY (application_id, position),
    UNIQUE (application_id, phone_number)
) STRICT, WITHOUT ROWID;

CREATE INDEX application_numbers_by_number ON application_numbers (phone_number);

-- Every HTTP attempt (never a secret or a signature).
CREATE TABLE attempts (
    id                 INTEGER PRIMARY KEY,
    -- NULL for calls that belong to no application (DescribeNumbers).
    application_id     INTEGER REFERENCES applications (id) ON DELETE CASCADE,
    at                 TEXT NOT NULL,
    action             TEXT NOT NULL,
    attempt            INTEGER NOT NULL CHECK (attempt >= 1),
    request_id         TEXT,
    error_class        TEXT,
    error_code         TEXT,
    error_message      TEXT,
    latency_ms         INTEGER NOT NULL,
    rate_limit_wait_ms INTEGER NOT NULL,
    -- 'done', 'retry_after_backoff' or 'retry_with_clock_correction'.
    next_step          TEXT NOT NULL
) STRICT;

CREATE INDEX attempts_by_application ON attempts (application_id, id);
