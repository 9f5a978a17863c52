package kg

import (
	"testing"

	"github.com/diplograph/diplograph/errcode"
)

func TestQueryValidate(t *testing.T) {
	for _, c := range []struct {
		name  string
		err   error
		field string
	}{
		{"neighbourhood within bounds", NeighborhoodQuery{Depth: MaxNeighborhoodDepth, Limit: 1}.Validate(), ""},
		{"depth 0", NeighborhoodQuery{Depth: 0, Limit: 1}.Validate(), "depth"},
		{"depth beyond", NeighborhoodQuery{Depth: MaxNeighborhoodDepth + 1, Limit: 1}.Validate(), "depth"},
		{"limit beyond", NeighborhoodQuery{Depth: 1, Limit: MaxNeighborhoodLimit + 1}.Validate(), "limit"},
		{"paths within bounds", PathQuery{MaxHops: MaxPathHops, First: MaxPaths}.Validate(), ""},
		{"hops beyond", PathQuery{MaxHops: MaxPathHops + 1, First: 1}.Validate(), "maxHops"},
		{"paths beyond", PathQuery{MaxHops: 1, First: MaxPaths + 1}.Validate(), "first"},
		{"links beyond", CrossTrackQuery{First: MaxCrossTrackLinks + 1}.Validate(), "first"},
		{"events 0", TimelineQuery{First: 0}.Validate(), "first"},
		{"events within bounds", TimelineQuery{First: MaxTimelineEvents}.Validate(), ""},
	} {
		if c.field == "" {
			if c.err != nil {
				t.Errorf("%s: %v", c.name, c.err)
			}
			continue
		}
		if ErrorCode(c.err) != errcode.BadUserInput || ErrorField(c.err) != c.field {
			t.Errorf("%s: %v, want BAD_USER_INPUT naming %s", c.name, c.err, c.field)
		}
	}
}
