package kg

// Bounds of the analysis queries. They keep a variable-length match from walking the whole
// graph and an answer from growing without end. They are checked once here (Validate), by
// the resolvers and the export alike, and again by the store where Depth and MaxHops are
// written into a statement's text (a variable-length pattern cannot take a parameter).
const (
	MaxNeighborhoodDepth = 3
	MaxNeighborhoodLimit = 500
	MaxPathHops          = 6
	MaxPaths             = 20
	MaxCrossTrackLinks   = 100
	MaxTimelineEvents    = 500
)

// InRange checks 1 <= v <= max; BAD_USER_INPUT naming field otherwise.
func InRange(field string, v, max int) error {
	if v < 1 || v > max {
		return FieldError(field, "must be between 1 and %d, got %d", max, v)
	}
	return nil
}

// Validate checks the depth (1 to MaxNeighborhoodDepth) and the limit.
func (q NeighborhoodQuery) Validate() error {
	if err := InRange("depth", q.Depth, MaxNeighborhoodDepth); err != nil {
		return err
	}
	return InRange("limit", q.Limit, MaxNeighborhoodLimit)
}

// Validate checks the hops (1 to MaxPathHops) and the number of paths.
func (q PathQuery) Validate() error {
	if err := InRange("maxHops", q.MaxHops, MaxPathHops); err != nil {
		return err
	}
	return InRange("first", q.First, MaxPaths)
}

// Validate checks the number of links.
func (q CrossTrackQuery) Validate() error { return InRange("first", q.First, MaxCrossTrackLinks) }

// Validate checks the number of events.
func (q TimelineQuery) Validate() error { return InRange("first", q.First, MaxTimelineEvents) }
