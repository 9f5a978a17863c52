// Version 9: the vocabulary's BASED_IN (where a person or organisation works, with the trade
// in its role): its id, valid-from and status indexes, as versions 1 and 5 made for every
// other type.
CREATE INDEX rel_based_in_id IF NOT EXISTS FOR ()-[r:BASED_IN]-() ON (r.id);
CREATE INDEX rel_based_in_valid_from IF NOT EXISTS FOR ()-[r:BASED_IN]-() ON (r.validFromStart);
CREATE INDEX rel_based_in_status IF NOT EXISTS FOR ()-[r:BASED_IN]-() ON (r.status);
