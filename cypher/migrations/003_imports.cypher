// Version 3: a record of each data set imported, by the digest of its exact input, so that
// `serve -seed` skips a seed it has loaded before (docs/import-format.md).
CREATE CONSTRAINT imported_file_digest IF NOT EXISTS FOR (f:ImportedFile) REQUIRE f.digest IS UNIQUE;
