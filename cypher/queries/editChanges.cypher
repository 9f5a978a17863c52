// Appends entries to the audit trail, in the transaction of the change they describe.
UNWIND $changes AS change
CREATE (c:Change)
SET c = change
