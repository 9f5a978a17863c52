// Whether a data set with this digest was imported before (importRecord).
RETURN EXISTS { MATCH (:ImportedFile {digest: $digest}) } AS imported
