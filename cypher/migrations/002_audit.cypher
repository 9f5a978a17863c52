// Version 2: the write API's audit trail and merge redirects.
// A change is found by its id (the cursor of changes), by the entity it is about, by the
// other entity it involves, and by time; its id sorts by time, so paging is an index scan.
CREATE CONSTRAINT change_id IF NOT EXISTS FOR (c:Change) REQUIRE c.id IS UNIQUE;
CREATE INDEX change_entity IF NOT EXISTS FOR (c:Change) ON (c.entityId);
CREATE INDEX change_counterpart IF NOT EXISTS FOR (c:Change) ON (c.counterpartId);
CREATE INDEX change_at IF NOT EXISTS FOR (c:Change) ON (c.at);
// A merge re-points the redirects that pointed at the duplicate, found through this index.
CREATE INDEX redirect_merged_into IF NOT EXISTS FOR (r:Redirect) ON (r.mergedInto);
