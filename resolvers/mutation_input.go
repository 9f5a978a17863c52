package resolvers

import (
	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/kg"
)

// The write API's inputs become the domain's edits here; every rule (which fields are
// required, date formats, lengths) is checked by kg and the store, once, for the importer
// and the API alike.

func entityPatch(in model.UpsertEntityInput) kg.EntityPatch {
	p := kg.EntityPatch{
		ID: in.ID, Kind: deref(in.Kind), Name: in.Name, Aliases: in.Aliases,
		Description: in.Description, Date: in.Date, ExpectedVersion: version(in.ExpectedVersion),
	}
	for _, x := range in.ExternalIds {
		p.ExternalIDs = append(p.ExternalIDs, kg.ExternalID{System: x.System, ID: x.ID})
	}
	return p
}

func sourcePatch(in model.AddSourceInput) kg.EntityPatch {
	return kg.EntityPatch{
		ID: in.ID, Kind: kg.KindSource, Name: in.Title, Author: in.Author, Publisher: in.Publisher,
		URL: in.URL, Published: in.Published, Text: in.Text, ExpectedVersion: version(in.ExpectedVersion),
	}
}

func assertion(in model.AssertRelationInput) kg.Assertion {
	return kg.Assertion{
		From: in.From, Type: in.Type, To: in.To, Role: deref(in.Role),
		ValidFrom: deref(in.ValidFrom), ValidTo: deref(in.ValidTo), Confidence: in.Confidence,
		Status: deref(in.Status), Sources: in.Sources, Quote: in.Quote,
		Basis: deref(in.Basis), BasisNote: deref(in.BasisNote),
	}
}

func eventStatusAssertion(in model.SetEventStatusInput) kg.EventStatusAssertion {
	return kg.EventStatusAssertion{Status: in.Status, Since: in.Since, Sources: in.Sources, Quote: in.Quote}
}

func eventRecord(in model.RecordEventInput) kg.EventRecord {
	date := in.Date
	rec := kg.EventRecord{
		Event:   kg.EntityPatch{ID: in.ID, Kind: kg.KindEvent, Name: in.Name, Description: in.Description, Date: &date},
		Place:   deref(in.Place),
		Track:   deref(in.Track),
		Sources: in.Sources, Quote: in.Quote, Status: deref(in.Status),
		Confidence: 1,
	}
	if in.Confidence != nil {
		rec.Confidence = *in.Confidence
	}
	for _, p := range in.Participants {
		rec.Participants = append(rec.Participants, kg.EventParticipant{Entity: p.Entity, Role: deref(p.Role)})
	}
	return rec
}

func version(v *int) *int64 {
	if v == nil {
		return nil
	}
	n := int64(*v)
	return &n
}

func changeConnection(p *kg.Page[*kg.Change]) *model.ChangeConnection {
	nodes := model.ChangesOf(p.Items)
	c := &model.ChangeConnection{
		Edges:    make([]*model.ChangeEdge, len(p.Items)),
		Nodes:    nodes,
		PageInfo: &model.PageInfo{HasNextPage: p.HasNext, HasPreviousPage: p.HasPrevious},
	}
	for i, ch := range nodes {
		c.Edges[i] = &model.ChangeEdge{Cursor: p.Cursors[i], Node: ch}
	}
	if n := len(p.Cursors); n > 0 {
		c.PageInfo.StartCursor, c.PageInfo.EndCursor = &p.Cursors[0], &p.Cursors[n-1]
	}
	return c
}
