package main

import (
	"reflect"
	"time"

	"github.com/diplograph/diplograph/graph"
	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/kg"
)

// listFieldCost is the expected length of each nested list field, used to weigh its
// children in the complexity budget. The same fields exist on every entity type.
var listFieldCost = map[string]int{"Relations": 20, "Events": 10, "Tracks": 5, "Participants": 10}

// complexity weighs list fields by their size, so that a query's cost follows the rows it
// can make the database read: a page of 100 entities, each with 20 relations, costs 2,000
// times its leaves.
func complexity() graph.ComplexityRoot {
	var c graph.ComplexityRoot
	root := reflect.ValueOf(&c).Elem()
	for i := 0; i < root.NumField(); i++ {
		typ := root.Field(i)
		for name, n := range listFieldCost {
			f := typ.FieldByName(name)
			if !f.IsValid() || f.Kind() != reflect.Func {
				continue
			}
			f.Set(reflect.MakeFunc(f.Type(), func(args []reflect.Value) []reflect.Value {
				child := int(args[0].Int())
				return []reflect.Value{reflect.ValueOf(1 + n*child)}
			}))
		}
	}
	c.Query.Entities = func(child int, _ *model.EntityFilter, _ *kg.EntitySort, _ *bool, first *int, _ *string, _ *time.Time) int {
		return 1 + pageSize(first, 20)*child
	}
	c.Query.Search = func(child int, _ string, _ []kg.Kind, first *int) int {
		return 1 + pageSize(first, 10)*child
	}
	return c
}

func pageSize(first *int, def int) int {
	if first == nil || *first < 1 {
		return def
	}
	return *first
}
