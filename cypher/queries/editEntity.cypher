// Writes an entity's properties (absent values are null, which removes them), its kind's
// label and the hash an import compares with, and counts the accepted write in version.
MATCH (e:Entity {id: $id})
SET e += $props,
    e:$($kind),
    e.nameKey = toLower($props.name),
    e.contentHash = $hash,
    e.createdAt = coalesce(e.createdAt, $now),
    e.updatedAt = $now,
    e.version = coalesce(e.version, 0) + 1
RETURN e AS entity
