package graphqlhttp

import (
	"mime"
	"strconv"
	"strings"
)

// negotiate picks the response media type for a request's Accept header
// values, or "" when neither JSON media type is acceptable (→ 406).
//
// Rules, per the GraphQL over HTTP spec and RFC 9110:
//   - no Accept header: application/json (the spec's legacy default);
//   - each candidate gets the q of the most specific range matching it;
//   - higher q wins; on a tie application/graphql-response+json wins only if
//     the client named it explicitly, so "*/*" keeps getting application/json
//     and existing clients see no change.
func negotiate(values []string) string {
	header := strings.TrimSpace(strings.Join(values, ","))
	if header == "" {
		return mediaJSON
	}
	var js, gr match
	for _, part := range strings.Split(header, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		q := 1.0
		if v, ok := params["q"]; ok {
			if q, err = strconv.ParseFloat(v, 64); err != nil || q < 0 || q > 1 {
				continue
			}
		}
		// We only ever emit UTF-8; a range demanding another charset does not match.
		if cs, ok := params["charset"]; ok && !isUTF8(cs) {
			continue
		}
		js.consider(mt, mediaJSON, q)
		gr.consider(mt, mediaGraphQLResponse, q)
	}
	switch {
	case js.q == 0 && gr.q == 0:
		return ""
	case gr.q > js.q:
		return mediaGraphQLResponse
	case js.q > gr.q:
		return mediaJSON
	case gr.specificity == exact:
		return mediaGraphQLResponse
	default:
		return mediaJSON
	}
}

const (
	anyType    = iota + 1 // */*
	anySubtype            // application/*
	exact                 // application/json
)

type match struct {
	specificity int
	q           float64
}

func (m *match) consider(mediaRange, candidate string, q float64) {
	s := 0
	switch {
	case mediaRange == candidate:
		s = exact
	case mediaRange == "application/*":
		s = anySubtype
	case mediaRange == "*/*":
		s = anyType
	}
	// RFC 9110 §12.5.1: the most specific range decides; among equally
	// specific duplicates keep the most generous.
	if s > m.specificity || (s == m.specificity && s != 0 && q > m.q) {
		m.specificity, m.q = s, q
	}
}

func isUTF8(charset string) bool {
	return strings.EqualFold(charset, "utf-8") || strings.EqualFold(charset, "utf8")
}
