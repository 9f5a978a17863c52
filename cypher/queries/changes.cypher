// The whole audit trail, newest first, a page at a time; the cursor is the last id seen.
MATCH (c:Change)
WHERE c.id IS NOT NULL AND ($after IS NULL OR c.id < $after)
RETURN c AS change
ORDER BY c.id DESC
LIMIT $first + 1
