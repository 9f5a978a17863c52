package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strings"

	"github.com/99designs/gqlgen/codegen"
	"golang.org/x/tools/imports"
)

// plainFields is a gqlgen plugin that finds the fields whose value is a struct field of a
// scalar or enum: no resolver, no method, no arguments, no directives, and not a nil
// pointer that the schema calls non-null. gqlgen resolves each of them like any field: a
// FieldContext, a context layer, the field middleware chain, a recover, the value boxed and
// unboxed, three closures; seven allocations to copy a string. An answer of 800 facts
// reads four thousand of them.
//
// What the short path gives up: field middleware does not see these fields (the service
// installs none; graph/plain_fields_test.go pins the behaviour down), and an error path would end
// at the object, not the field, for errors that a struct field of a scalar cannot raise.
type plainFields struct {
	// funcs are the names of the executor's functions for them ("_Type_field"), filled
	// in when gqlgen runs the plugin.
	funcs map[string]bool
}

func (*plainFields) Name() string { return "plainfields" }

func (p *plainFields) GenerateCode(data *codegen.Data) error {
	p.funcs = map[string]bool{}
	for _, o := range data.Objects {
		if o.Root || o.Stream || o.DisableConcurrency {
			continue
		}
		for _, f := range o.Fields {
			if isPlain(f) {
				p.funcs["_"+o.Name+"_"+f.Name] = true
			}
		}
	}
	return nil
}

func isPlain(f *codegen.Field) bool {
	ref := f.TypeReference
	return f.IsVariable() && !f.IsResolver && !f.MethodHasContext && len(f.Args) == 0 &&
		!f.HasDirectives() && ref != nil && ref.Definition != nil && ref.Definition.IsLeafType() &&
		!ref.IsSlice() && !(ref.GQL.NonNull && ref.IsNilable())
}

// shortenPlainFields rewrites, in one generated file, the body of each plain field's
// function from a call to graphql.ResolveField into a call to the marshaller it would
// have reached. It returns how many it rewrote. A plain field whose function does not have
// the shape below is an error: gqlgen's template has changed and this needs a look.
//
//	return graphql.ResolveField(ctx, ec.OperationContext, field, <field context>,
//		func(ctx context.Context) (any, error) { return obj.X, nil },
//		nil,
//		func(ctx context.Context, selections ast.SelectionSet, v T) graphql.Marshaler {
//			return ec.marshalT(ctx, selections, v)
//		},
//		true, <non-null>)
func shortenPlainFields(src []byte, plain map[string]bool) ([]byte, int, error) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "", src, parser.SkipObjectResolution)
	if err != nil {
		return nil, 0, err
	}
	var edits []edit
	for _, decl := range file.Decls {
		fn, ok := decl.(*ast.FuncDecl)
		if !ok || fn.Recv == nil || !plain[fn.Name.Name] {
			continue
		}
		value, marshal, ok := plainShape(fn, src, fset)
		if !ok {
			return nil, 0, fmt.Errorf("%s does not have the shape of a plain field's resolver; gqlgen's executor has changed: revisit internal/gqlgen", fn.Name.Name)
		}
		edits = append(edits, edit{
			from: fset.Position(fn.Body.Lbrace).Offset + 1,
			to:   fset.Position(fn.Body.Rbrace).Offset,
			text: fmt.Sprintf("\n\treturn %s(ctx, field.Selections, %s)\n", marshal, value),
		})
	}
	if len(edits) == 0 {
		return src, 0, nil
	}
	// A file may no longer use a package that only the rewritten resolvers did (time, kg).
	formatted, err := imports.Process("", applyEdits(src, edits), &imports.Options{Comments: true, TabIndent: true, TabWidth: 8})
	return formatted, len(edits), err
}

// edit replaces src[from:to] with text.
type edit struct {
	from, to int
	text     string
}

// applyEdits makes edits, which do not overlap and are in the order of the source.
func applyEdits(src []byte, edits []edit) []byte {
	var out bytes.Buffer
	last := 0
	for _, e := range edits {
		out.Write(src[last:e.from])
		out.WriteString(e.text)
		last = e.to
	}
	out.Write(src[last:])
	return out.Bytes()
}

// plainShape returns the source of the value expression (obj.X) and of the marshaller
// (ec.marshalT) when fn is gqlgen's resolver for a plain field.
func plainShape(fn *ast.FuncDecl, src []byte, fset *token.FileSet) (value, marshal string, ok bool) {
	text := func(n ast.Node) string {
		return string(src[fset.Position(n.Pos()).Offset:fset.Position(n.End()).Offset])
	}
	if len(fn.Body.List) != 1 {
		return "", "", false
	}
	ret, ok := fn.Body.List[0].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return "", "", false
	}
	call, ok := ret.Results[0].(*ast.CallExpr)
	if !ok || text(call.Fun) != "graphql.ResolveField" || len(call.Args) != 9 ||
		text(call.Args[5]) != "nil" || text(call.Args[7]) != "true" {
		return "", "", false
	}
	resolved, ok := onlyReturn(call.Args[4])
	if !ok || len(resolved) != 2 || text(resolved[1]) != "nil" || !strings.HasPrefix(text(resolved[0]), "obj.") {
		return "", "", false
	}
	if _, isSelector := resolved[0].(*ast.SelectorExpr); !isSelector {
		return "", "", false
	}
	marshalled, ok := onlyReturn(call.Args[6])
	if !ok || len(marshalled) != 1 {
		return "", "", false
	}
	mcall, ok := marshalled[0].(*ast.CallExpr)
	if !ok || len(mcall.Args) != 3 || !slices.Equal(argTexts(mcall.Args, text), []string{"ctx", "selections", "v"}) ||
		!strings.HasPrefix(text(mcall.Fun), "ec.marshal") {
		return "", "", false
	}
	return text(resolved[0]), text(mcall.Fun), true
}

// onlyReturn gives the results of a function literal whose body is one return statement.
func onlyReturn(e ast.Expr) ([]ast.Expr, bool) {
	lit, ok := e.(*ast.FuncLit)
	if !ok || len(lit.Body.List) != 1 {
		return nil, false
	}
	ret, ok := lit.Body.List[0].(*ast.ReturnStmt)
	if !ok {
		return nil, false
	}
	return ret.Results, true
}

func argTexts(args []ast.Expr, text func(ast.Node) string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = text(a)
	}
	return out
}
