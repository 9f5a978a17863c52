package model

import (
	"time"

	"github.com/diplograph/diplograph/kg"
	"github.com/diplograph/diplograph/live"
)

// ChangeEvent is a published change as the schema shows it. The event is shared by every
// subscriber of the replica, so it is read here and never written.
type ChangeEvent struct{ ev *live.Event }

// ChangeEventOf gives a published change its GraphQL type.
func ChangeEventOf(e *live.Event) *ChangeEvent { return &ChangeEvent{e} }

func (c *ChangeEvent) Sequence() int64         { return c.ev.Seq }
func (c *ChangeEvent) Kind() ChangeKind        { return ChangeKind(c.ev.Kind) }
func (c *ChangeEvent) Operation() kg.Operation { return c.ev.Operation }
func (c *ChangeEvent) By() string              { return c.ev.By }
func (c *ChangeEvent) At() time.Time           { return c.ev.At }
func (c *ChangeEvent) Entity() Entity          { return Wrap(c.ev.Entity) }
func (c *ChangeEvent) Relation() *Relation     { return RelationOf(c.ev.Relation) }
func (c *ChangeEvent) MergedFrom() *string     { return optional(c.ev.MergedFrom) }
func (c *ChangeEvent) Fields() []string        { return append([]string{}, c.ev.Fields...) }
func (c *ChangeEvent) Import() *ImportSummary {
	if s := c.ev.Import; s != nil {
		return &ImportSummary{Origin: s.Origin, Entities: s.Entities, Relations: s.Relations, Created: s.Created, Updated: s.Updated}
	}
	return nil
}
