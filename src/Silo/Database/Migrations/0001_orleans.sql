-- 0001: tables and query texts for the Orleans 10.4.2 ADO.NET providers (invariant Npgsql).
--
-- Written from shared/ORLEANS-POSTGRES.md. Rules that shape every line below:
-- * Names are unquoted, so they fold to lower case: the providers read "orleansquery" unquoted.
-- * Hashes are signed integer, as the providers bind them; times are timestamptz (UTC in, UTC out).
-- * Query texts are plain statements: atomicity comes from one statement (data-modifying CTEs),
--   never from PL/pgSQL asserts, and no function has to be on the search_path.
-- * Each query text may only mention @Parameters that its provider binds for that key.
-- The migrator runs this file once, in one transaction, and records it in schema_migrations.

-- Named query texts. The providers load all rows once at start-up and cache them.
CREATE TABLE orleansquery
(
    querykey  varchar(64) NOT NULL PRIMARY KEY,
    querytext text        NOT NULL
);

-- ---------------------------------------------------------------------------------------------
-- Clustering
-- ---------------------------------------------------------------------------------------------

-- One row per cluster: the table version that every membership write checks and bumps.
CREATE TABLE orleansmembershipversiontable
(
    deploymentid varchar(150) NOT NULL PRIMARY KEY,
    timestamp    timestamptz  NOT NULL DEFAULT now(),
    version      integer      NOT NULL DEFAULT 0 CHECK (version >= 0)
);

-- One row per silo incarnation (a restart is a new generation, hence a new row).
CREATE TABLE orleansmembershiptable
(
    deploymentid varchar(150) NOT NULL
        REFERENCES orleansmembershipversiontable (deploymentid) ON DELETE CASCADE,
    address      varchar(45)  NOT NULL,
    port         integer      NOT NULL,
    generation   integer      NOT NULL,
    -- Member reads fail on NULL names or ProxyPort, so none may be stored.
    siloname     varchar(255) NOT NULL,
    hostname     varchar(255) NOT NULL,
    status       integer      NOT NULL,
    proxyport    integer      NOT NULL DEFAULT 0,
    suspecttimes text         NULL,
    starttime    timestamptz  NOT NULL,
    iamalivetime timestamptz  NOT NULL,
    PRIMARY KEY (deploymentid, address, port, generation)
);

-- ---------------------------------------------------------------------------------------------
-- Grain state
-- ---------------------------------------------------------------------------------------------

CREATE TABLE orleansstorage
(
    grainidhash            integer      NOT NULL,
    grainidn0              bigint       NOT NULL,
    grainidn1              bigint       NOT NULL,
    graintypehash          integer      NOT NULL,
    graintypestring        varchar(512) NOT NULL,
    grainidextensionstring varchar(512) NULL,
    serviceid              varchar(150) NOT NULL,
    payloadbinary          bytea        NULL,
    modifiedon             timestamptz  NOT NULL,
    version                integer      NOT NULL,
    -- One row per state: two racing first writes must not both insert, or every later read of
    -- that grain fails. NULLS NOT DISTINCT (PostgreSQL 15+) makes a NULL extension one value.
    -- The most selective columns lead, so this index also serves every lookup by key.
    CONSTRAINT orleansstorage_key UNIQUE NULLS NOT DISTINCT
        (grainidhash, graintypehash, serviceid, grainidn0, grainidn1, graintypestring, grainidextensionstring)
);

-- ---------------------------------------------------------------------------------------------
-- Reminders
-- ---------------------------------------------------------------------------------------------

CREATE TABLE orleansreminderstable
(
    serviceid    varchar(150) NOT NULL,
    -- GrainId.ToString(): long string keys do not fit 150 characters.
    grainid      text         NOT NULL,
    remindername varchar(150) NOT NULL,
    starttime    timestamptz  NOT NULL,
    period       bigint       NOT NULL,
    grainhash    integer      NOT NULL,
    version      integer      NOT NULL,
    PRIMARY KEY (serviceid, grainid, remindername)
);

-- Each silo reads the reminders of its ring range by hash.
CREATE INDEX ix_orleansreminderstable_grainhash ON orleansreminderstable (serviceid, grainhash);

-- ---------------------------------------------------------------------------------------------
-- Clustering query texts (parameters: section 3 of ORLEANS-POSTGRES.md)
-- ---------------------------------------------------------------------------------------------

INSERT INTO orleansquery (querykey, querytext) VALUES
-- Every silo runs this at start-up: create the version row once, never fail if it exists.
('InsertMembershipVersionKey', $sql$
WITH created AS (
    INSERT INTO orleansmembershipversiontable (deploymentid, timestamp, version)
    VALUES (@DeploymentId, now(), 0)
    ON CONFLICT (deploymentid) DO NOTHING
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM created);
$sql$),

-- The version row, joined to every member; a cluster without members still yields one row.
('MembershipReadAllKey', $sql$
SELECT v.version, m.address, m.port, m.generation, m.siloname, m.hostname, m.status,
       m.proxyport, m.suspecttimes, m.starttime, m.iamalivetime
FROM orleansmembershipversiontable v
LEFT JOIN orleansmembershiptable m ON m.deploymentid = v.deploymentid
WHERE v.deploymentid = @DeploymentId;
$sql$),

('MembershipReadRowKey', $sql$
SELECT v.version, m.address, m.port, m.generation, m.siloname, m.hostname, m.status,
       m.proxyport, m.suspecttimes, m.starttime, m.iamalivetime
FROM orleansmembershipversiontable v
LEFT JOIN orleansmembershiptable m
       ON m.deploymentid = v.deploymentid
      AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.deploymentid = @DeploymentId;
$sql$),

-- All or nothing in one statement: lock the version row only while it still holds @Version
-- (a waiter re-checks it after the lock and fails cleanly), insert the member only through
-- that lock, and bump the version only if the member was inserted.
('InsertMembershipKey', $sql$
WITH locked AS (
    SELECT deploymentid
    FROM orleansmembershipversiontable
    WHERE deploymentid = @DeploymentId AND version = @Version
    FOR UPDATE
), inserted AS (
    INSERT INTO orleansmembershiptable
        (deploymentid, address, port, generation, siloname, hostname, status, proxyport,
         suspecttimes, starttime, iamalivetime)
    SELECT deploymentid, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
           NULL, @StartTime, @IAmAliveTime
    FROM locked
    ON CONFLICT (deploymentid, address, port, generation) DO NOTHING
    RETURNING deploymentid
), bumped AS (
    UPDATE orleansmembershipversiontable v
    SET version = v.version + 1, timestamp = now()
    FROM inserted i
    WHERE v.deploymentid = i.deploymentid
    RETURNING v.version
)
SELECT EXISTS (SELECT 1 FROM bumped);
$sql$),

-- Same shape as the insert: a missing member or a stale version changes nothing.
('UpdateMembershipKey', $sql$
WITH locked AS (
    SELECT deploymentid
    FROM orleansmembershipversiontable
    WHERE deploymentid = @DeploymentId AND version = @Version
    FOR UPDATE
), updated AS (
    UPDATE orleansmembershiptable m
    SET status = @Status, suspecttimes = @SuspectTimes, iamalivetime = @IAmAliveTime
    FROM locked l
    WHERE m.deploymentid = l.deploymentid
      AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    RETURNING m.deploymentid
), bumped AS (
    UPDATE orleansmembershipversiontable v
    SET version = v.version + 1, timestamp = now()
    FROM updated u
    WHERE v.deploymentid = u.deploymentid
    RETURNING v.version
)
SELECT EXISTS (SELECT 1 FROM bumped);
$sql$),

-- Heartbeat: never touches the version.
('UpdateIAmAlivetimeKey', $sql$
UPDATE orleansmembershiptable
SET iamalivetime = @IAmAliveTime
WHERE deploymentid = @DeploymentId
  AND address = @Address AND port = @Port AND generation = @Generation;
$sql$),

-- Silos without a gateway store ProxyPort 0.
('GatewaysQueryKey', $sql$
SELECT address, proxyport, generation
FROM orleansmembershiptable
WHERE deploymentid = @DeploymentId AND status = @Status AND proxyport > 0;
$sql$),

-- Both statements run as one batch, hence one implicit transaction.
('DeleteMembershipTableEntriesKey', $sql$
DELETE FROM orleansmembershiptable WHERE deploymentid = @DeploymentId;
DELETE FROM orleansmembershipversiontable WHERE deploymentid = @DeploymentId;
$sql$),

-- Bulk rule, used only if the per-row key below is missing: old Dead rows without suspect
-- votes. Joining or Active silos are never removed here.
('CleanupDefunctSiloEntriesKey', $sql$
DELETE FROM orleansmembershiptable
WHERE deploymentid = @DeploymentId
  AND status = 6
  AND starttime < @IAmAliveTime
  AND iamalivetime < @IAmAliveTime
  AND (suspecttimes IS NULL OR suspecttimes = '');
$sql$),

-- Per-row cleanup of a member the provider picked from a fresh read: delete it only if it
-- is unchanged since (the provider sends NULL for a stored empty SuspectTimes).
('CleanupDefunctSiloEntryKey', $sql$
DELETE FROM orleansmembershiptable
WHERE deploymentid = @DeploymentId
  AND address = @Address AND port = @Port AND generation = @Generation
  AND status = 6
  AND starttime = @StartTime
  AND iamalivetime = @IAmAliveTime
  AND coalesce(suspecttimes, '') = coalesce(@SuspectTimes, '');
$sql$);

-- ---------------------------------------------------------------------------------------------
-- Grain state query texts (section 4). A state row is identified by seven values; a NULL
-- extension matches a NULL extension.
-- ---------------------------------------------------------------------------------------------

INSERT INTO orleansquery (querykey, querytext) VALUES
('ReadFromStorageKey', $sql$
SELECT payloadbinary, version
FROM orleansstorage
WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash AND serviceid = @ServiceId
  AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1
  AND graintypestring = @GrainTypeString
  AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString;
$sql$),

-- Without an ETag: insert version 1 unless the row exists (then no row = conflict).
-- With an ETag: update only the row still at that version (else no row = conflict).
('WriteToStorageKey', $sql$
WITH updated AS (
    UPDATE orleansstorage
    SET payloadbinary = @PayloadBinary, modifiedon = now(), version = version + 1
    WHERE @GrainStateVersion IS NOT NULL
      AND grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash AND serviceid = @ServiceId
      AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1
      AND graintypestring = @GrainTypeString
      AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
      AND version = @GrainStateVersion
    RETURNING version
), inserted AS (
    INSERT INTO orleansstorage
        (grainidhash, graintypehash, serviceid, grainidn0, grainidn1, graintypestring,
         grainidextensionstring, payloadbinary, modifiedon, version)
    SELECT @GrainIdHash, @GrainTypeHash, @ServiceId, @GrainIdN0, @GrainIdN1, @GrainTypeString,
           @GrainIdExtensionString, @PayloadBinary, now(), 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT ON CONSTRAINT orleansstorage_key DO NOTHING
    RETURNING version
)
SELECT version AS newgrainstateversion FROM updated
UNION ALL
SELECT version FROM inserted;
$sql$),

-- Clear keeps the row (so the version keeps growing) and drops the payload.
('ClearStorageKey', $sql$
UPDATE orleansstorage
SET payloadbinary = NULL, modifiedon = now(), version = version + 1
WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash AND serviceid = @ServiceId
  AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1
  AND graintypestring = @GrainTypeString
  AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
  AND version = @GrainStateVersion
RETURNING version;
$sql$),

-- Used with DeleteStateOnClear: any value other than the ETag sent means success.
('DeleteStorageKey', $sql$
DELETE FROM orleansstorage
WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash AND serviceid = @ServiceId
  AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1
  AND graintypestring = @GrainTypeString
  AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
  AND version = @GrainStateVersion
RETURNING version + 1;
$sql$);

-- ---------------------------------------------------------------------------------------------
-- Reminder query texts (section 5). Hashes compare as signed integers, as the provider does.
-- ---------------------------------------------------------------------------------------------

INSERT INTO orleansquery (querykey, querytext) VALUES
('UpsertReminderRowKey', $sql$
INSERT INTO orleansreminderstable
    (serviceid, grainid, remindername, starttime, period, grainhash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (serviceid, grainid, remindername) DO UPDATE
SET starttime = excluded.starttime,
    period = excluded.period,
    grainhash = excluded.grainhash,
    version = orleansreminderstable.version + 1
RETURNING version;
$sql$),

('ReadReminderRowsKey', $sql$
SELECT grainid, remindername, starttime, period, version
FROM orleansreminderstable
WHERE serviceid = @ServiceId AND grainid = @GrainId;
$sql$),

('ReadReminderRowKey', $sql$
SELECT grainid, remindername, starttime, period, version
FROM orleansreminderstable
WHERE serviceid = @ServiceId AND grainid = @GrainId AND remindername = @ReminderName;
$sql$),

('ReadRangeRows1Key', $sql$
SELECT grainid, remindername, starttime, period, version
FROM orleansreminderstable
WHERE serviceid = @ServiceId AND grainhash > @BeginHash AND grainhash <= @EndHash;
$sql$),

-- The wrapping range (and BeginHash = EndHash, the whole ring).
('ReadRangeRows2Key', $sql$
SELECT grainid, remindername, starttime, period, version
FROM orleansreminderstable
WHERE serviceid = @ServiceId AND (grainhash > @BeginHash OR grainhash <= @EndHash);
$sql$),

('DeleteReminderRowKey', $sql$
WITH deleted AS (
    DELETE FROM orleansreminderstable
    WHERE serviceid = @ServiceId AND grainid = @GrainId AND remindername = @ReminderName
      AND version = @Version
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM deleted);
$sql$),

('DeleteReminderRowsKey', $sql$
DELETE FROM orleansreminderstable WHERE serviceid = @ServiceId;
$sql$);
