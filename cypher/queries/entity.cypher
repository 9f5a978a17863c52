// An id that was merged away resolves, through its redirect, to the entity it was merged into.
OPTIONAL MATCH (redirect:Redirect {id: $id})
WITH coalesce(redirect.mergedInto, $id) AS target
MATCH (e:Entity {id: target})
RETURN e AS entity
