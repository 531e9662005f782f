-- Which network failure stopped an application (numdesk_model::NetworkKind's stable name: Dns,
-- Certificate, Proxy, Timeout, …), kept with its error so the UI says which problem it was
-- without reading the English message.
ALTER TABLE applications ADD COLUMN error_kind TEXT;

-- Applications answered before this column get theirs once from the client's own wording of each
-- failure (its Display text); from now on the kind is stored when the failure happens.
UPDATE applications SET error_kind = CASE
    WHEN error_message LIKE '%the server name could not be resolved%' THEN 'Dns'
    WHEN error_message LIKE '%the connection was refused%' THEN 'ConnectionRefused'
    WHEN error_message LIKE '%the server''s certificate was not accepted%' THEN 'Certificate'
    WHEN error_message LIKE '%the secure (TLS) connection could not be set up%' THEN 'Tls'
    WHEN error_message LIKE '%the proxy could not be used%' THEN 'Proxy'
    WHEN error_message LIKE '%connecting timed out%' THEN 'ConnectTimeout'
    WHEN error_message LIKE '%no response within the timeout%' THEN 'Timeout'
    WHEN error_message LIKE '%the connection was dropped before the response arrived%'
        THEN 'ConnectionDropped'
    WHEN error_message LIKE '%the answer was too large to read%' THEN 'ResponseTooLarge'
    WHEN error_message LIKE '%the connection failed%' THEN 'Other'
END
WHERE error_code IN ('NotSent', 'OutcomeUnknown', 'UnexpectedResponse');
