MERGE (m:Migration {version: $version})
ON CREATE SET m.name = $name, m.appliedAt = datetime()
