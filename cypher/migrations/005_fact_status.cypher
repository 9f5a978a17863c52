// Version 5: the census as the graph stands now counts retracted facts per type through an
// index of their status, and everything else from Neo4j's count store (cypher/stats.go).
CREATE INDEX rel_holds_role_status IF NOT EXISTS FOR ()-[r:HOLDS_ROLE]-() ON (r.status);
CREATE INDEX rel_leads_status IF NOT EXISTS FOR ()-[r:LEADS]-() ON (r.status);
CREATE INDEX rel_member_of_status IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() ON (r.status);
CREATE INDEX rel_invited_to_status IF NOT EXISTS FOR ()-[r:INVITED_TO]-() ON (r.status);
CREATE INDEX rel_party_to_status IF NOT EXISTS FOR ()-[r:PARTY_TO]-() ON (r.status);
CREATE INDEX rel_controls_status IF NOT EXISTS FOR ()-[r:CONTROLS]-() ON (r.status);
CREATE INDEX rel_claims_status IF NOT EXISTS FOR ()-[r:CLAIMS]-() ON (r.status);
CREATE INDEX rel_annexed_status IF NOT EXISTS FOR ()-[r:ANNEXED]-() ON (r.status);
CREATE INDEX rel_backs_status IF NOT EXISTS FOR ()-[r:BACKS]-() ON (r.status);
CREATE INDEX rel_proposed_status IF NOT EXISTS FOR ()-[r:PROPOSED]-() ON (r.status);
CREATE INDEX rel_addresses_status IF NOT EXISTS FOR ()-[r:ADDRESSES]-() ON (r.status);
CREATE INDEX rel_established_status IF NOT EXISTS FOR ()-[r:ESTABLISHED]-() ON (r.status);
CREATE INDEX rel_participated_in_status IF NOT EXISTS FOR ()-[r:PARTICIPATED_IN]-() ON (r.status);
CREATE INDEX rel_part_of_status IF NOT EXISTS FOR ()-[r:PART_OF]-() ON (r.status);
CREATE INDEX rel_located_in_status IF NOT EXISTS FOR ()-[r:LOCATED_IN]-() ON (r.status);
CREATE INDEX rel_precedes_status IF NOT EXISTS FOR ()-[r:PRECEDES]-() ON (r.status);
CREATE INDEX rel_stated_status IF NOT EXISTS FOR ()-[r:STATED]-() ON (r.status);
CREATE INDEX rel_met_with_status IF NOT EXISTS FOR ()-[r:MET_WITH]-() ON (r.status);
CREATE INDEX rel_cites_status IF NOT EXISTS FOR ()-[r:CITES]-() ON (r.status);
