// Appended to entityFilter.cypher: the total, read only when a client asks for totalCount.
RETURN count(e) AS total
