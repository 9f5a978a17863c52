// Version 4: entities sorted by name walk an index of the lower-cased name instead of sorting
// every entity. Every write of an entity sets nameKey; this fills it in for existing graphs.
CREATE INDEX entity_name_key IF NOT EXISTS FOR (e:Entity) ON (e.nameKey);
MATCH (e:Entity) WHERE e.nameKey IS NULL OR e.nameKey <> toLower(e.name) SET e.nameKey = toLower(e.name);
