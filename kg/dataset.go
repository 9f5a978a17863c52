package kg

// Dataset is the unit of import and export: entities (sources among them) and facts.
type Dataset struct {
	Entities  []Entity
	Relations []Relation
	// Origin names where the data set came from (its file), for the import record.
	Origin string
	// Digest is the SHA-256 of the data set's exact input (its file and the source texts it
	// reads), hex-encoded. When set, Import records it in the same transaction, and
	// Imported reports it from then on.
	Digest string
}
