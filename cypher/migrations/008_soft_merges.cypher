// Version 8: merges are on the record clock (docs/model.md, "Merges on the record clock"). A
// merge keeps the duplicate, labelled :Merged, and a redirect logs every target it has had with
// the instant. A merge made before this version deleted its duplicate, and moved its facts to
// the kept entity with their own history, so there is nothing to rewind to: its redirect reads
// as merged since the beginning.
MATCH (r:Redirect) WHERE r.mergedIntoLog IS NULL SET r.mergedIntoLog = [r.mergedInto], r.mergedIntoSince = [datetime('0001-01-01T00:00:00Z')];
