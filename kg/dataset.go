package kg

// Dataset is the unit of import and export: entities (sources among them) and facts.
type Dataset struct {
	Entities  []Entity
	Relations []Relation
}
