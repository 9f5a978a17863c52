// Package datagen makes synthetic data sets for tests and benchmarks: n entities and about
// 5n facts, the same for the same seed, shaped like the real graph (people holding roles in
// countries, events with participants, tracks with events, sources with quotes).
package datagen

import (
	"fmt"
	"math/rand/v2"

	"github.com/diplograph/diplograph/kg"
)

// mix is the share of each kind among generated entities, in per mille.
var mix = []struct {
	kind kg.Kind
	per  int
}{
	{kg.KindPerson, 400}, {kg.KindCountry, 40}, {kg.KindOrganization, 100}, {kg.KindBody, 30},
	{kg.KindConflict, 20}, {kg.KindTerritory, 60}, {kg.KindProposal, 50}, {kg.KindEvent, 230},
	{kg.KindTrack, 20}, {kg.KindSource, 50},
}

// sourceText is the text every generated source carries; quotes are cut from it, so the
// importer's verbatim-quote check runs on generated data too.
const sourceText = "Envoys met in the capital to discuss the proposal. The ministry confirmed the talks. " +
	"Officials said the agreement was reasonably close. The delegation arrived for the summit."

var quotes = []string{
	"Envoys met in the capital", "The ministry confirmed the talks", "the agreement was reasonably close",
	"The delegation arrived for the summit", "to discuss the proposal",
}

// Generate returns a data set of n entities (at least one of each kind) and about 5n facts.
func Generate(n int, seed uint64) *kg.Dataset {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	d := &kg.Dataset{}
	byKind := map[kg.Kind][]int{}
	for _, m := range mix {
		count := max(1, n*m.per/1000)
		for i := 0; i < count; i++ {
			e := kg.Entity{
				ID:          fmt.Sprintf("%s/gen-%d", m.kind.IDPrefix(), i),
				Kind:        m.kind,
				Name:        fmt.Sprintf("%s %s %d", adjectives[rng.IntN(len(adjectives))], m.kind, i),
				Aliases:     []string{fmt.Sprintf("%s-%d", m.kind.IDPrefix(), i)},
				Description: fmt.Sprintf("Generated %s number %d.", m.kind, i),
			}
			switch m.kind {
			case kg.KindEvent:
				d := randomDate(rng)
				e.Date = &d
			case kg.KindSource:
				p := randomDate(rng)
				e.Published, e.Author, e.Text, e.HasText = &p, "generator", sourceText, true
			}
			byKind[m.kind] = append(byKind[m.kind], len(d.Entities))
			d.Entities = append(d.Entities, e)
		}
	}
	seen := map[string]bool{}
	want := 5 * n
	for attempts := 0; len(d.Relations) < want && attempts < 4*want; attempts++ {
		spec := kg.Vocabulary[rng.IntN(len(kg.Vocabulary))]
		from := pick(rng, d, byKind, spec.From)
		to := pick(rng, d, byKind, spec.To)
		if from == nil || to == nil || from.ID == to.ID {
			continue
		}
		role := ""
		if spec.Role != "" {
			role = roles[rng.IntN(len(roles))]
		}
		id := kg.FactID(from.ID, spec.Type, to.ID, role)
		if seen[id] {
			continue
		}
		seen[id] = true
		src := d.Entities[byKind[kg.KindSource][rng.IntN(len(byKind[kg.KindSource]))]]
		valid := randomDate(rng)
		d.Relations = append(d.Relations, kg.Relation{
			ID: id, From: from.ID, To: to.ID, Type: spec.Type, Role: role,
			ValidFrom:  &valid,
			Confidence: float64(50+rng.IntN(51)) / 100,
			Status:     []kg.Status{kg.StatusAsserted, kg.StatusReported, kg.StatusReported, kg.StatusDisputed}[rng.IntN(4)],
			Evidence:   []kg.Evidence{{SourceID: src.ID, Quote: quotes[rng.IntN(len(quotes))]}},
		})
	}
	return d
}

func pick(rng *rand.Rand, d *kg.Dataset, byKind map[kg.Kind][]int, kinds []kg.Kind) *kg.Entity {
	k := kinds[rng.IntN(len(kinds))]
	list := byKind[k]
	if len(list) == 0 {
		return nil
	}
	return &d.Entities[list[rng.IntN(len(list))]]
}

// randomDate is a date between 2010 and 2026 at a random precision.
func randomDate(rng *rand.Rand) kg.PartialDate {
	d := kg.PartialDate{Year: 2010 + rng.IntN(17), Precision: kg.PrecisionYear}
	switch rng.IntN(4) {
	case 0:
	case 1:
		d.Month, d.Precision = 1+rng.IntN(12), kg.PrecisionMonth
	default:
		d.Month, d.Day, d.Precision = 1+rng.IntN(12), 1+rng.IntN(28), kg.PrecisionDay
	}
	return d
}

var adjectives = []string{"Northern", "Southern", "Eastern", "Western", "Central", "United", "Free", "Grand", "New", "Old"}

var roles = []string{"envoy", "President", "spokesman", "mediator", "belligerent", "invited", "host", "adviser"}
