-- Limits that hold across instances (issue 18): each row counts hits on one key (a limit's name and a client address,
-- or an account) in a fixed window. One atomic upsert counts a hit, so N instances allow what one does.

CREATE TABLE rate_limits (
    key varchar(200) NOT NULL,
    window_start timestamp with time zone NOT NULL,
    hits integer NOT NULL,
    CONSTRAINT pk_rate_limits PRIMARY KEY (key)
);
