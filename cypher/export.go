package cypher

import (
	"context"

	"github.com/diplograph/diplograph/kg"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Export reads the graph back as a data set, entities and facts each ordered by id, so that
// two exports of the same graph are byte-identical once written.
func (s *Store) Export(ctx context.Context) (*kg.Dataset, error) {
	recs, err := s.read(ctx, "exportEntities", withClocks(map[string]any{}, kg.Clocks{}))
	if err != nil {
		return nil, err
	}
	d := &kg.Dataset{}
	for _, r := range recs {
		v, _ := r.Get("entity")
		e, err := decodeEntity(v)
		if err != nil {
			return nil, err
		}
		if text, isNil, err := neo4j.GetRecordValue[string](r, "text"); err == nil && !isNil {
			e.Text = text
		}
		d.Entities = append(d.Entities, *e)
	}
	if recs, err = s.read(ctx, "exportRelations", withClocks(map[string]any{}, kg.Clocks{})); err != nil {
		return nil, err
	}
	for _, r := range recs {
		v, _ := r.Get("rel")
		rel, err := decodeRelation(v)
		if err != nil {
			return nil, err
		}
		d.Relations = append(d.Relations, *rel)
	}
	return d, nil
}
