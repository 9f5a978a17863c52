// Version 1: identity, full-text search and date ranges.
// Every entity carries the :Entity label beside its kind's label, so one constraint covers all ids.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE;
CREATE CONSTRAINT redirect_id IF NOT EXISTS FOR (r:Redirect) REQUIRE r.id IS UNIQUE;
CREATE INDEX entity_kind IF NOT EXISTS FOR (e:Entity) ON (e.kind);
CREATE INDEX entity_name IF NOT EXISTS FOR (e:Entity) ON (e.name);
CREATE INDEX entity_date IF NOT EXISTS FOR (e:Entity) ON (e.dateStart);
CREATE INDEX entity_published IF NOT EXISTS FOR (e:Entity) ON (e.publishedStart);
CREATE FULLTEXT INDEX entity_text IF NOT EXISTS FOR (e:Entity) ON EACH [e.name, e.aliases, e.description] OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false}};
// Facts are found by id through their type's index (the id names the type) and filtered by
// valid time through a second index per type. Fact ids are not uniqueness constraints: a
// fact id is derived from its endpoints, type and role, and MERGE between two locked
// endpoints already keeps it unique, while a relationship uniqueness constraint made bulk
// imports about ten times slower (measured: docs/benchmarks.md).
CREATE INDEX rel_holds_role_id IF NOT EXISTS FOR ()-[r:HOLDS_ROLE]-() ON (r.id);
CREATE INDEX rel_holds_role_valid_from IF NOT EXISTS FOR ()-[r:HOLDS_ROLE]-() ON (r.validFromStart);
CREATE INDEX rel_leads_id IF NOT EXISTS FOR ()-[r:LEADS]-() ON (r.id);
CREATE INDEX rel_leads_valid_from IF NOT EXISTS FOR ()-[r:LEADS]-() ON (r.validFromStart);
CREATE INDEX rel_member_of_id IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() ON (r.id);
CREATE INDEX rel_member_of_valid_from IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() ON (r.validFromStart);
CREATE INDEX rel_invited_to_id IF NOT EXISTS FOR ()-[r:INVITED_TO]-() ON (r.id);
CREATE INDEX rel_invited_to_valid_from IF NOT EXISTS FOR ()-[r:INVITED_TO]-() ON (r.validFromStart);
CREATE INDEX rel_party_to_id IF NOT EXISTS FOR ()-[r:PARTY_TO]-() ON (r.id);
CREATE INDEX rel_party_to_valid_from IF NOT EXISTS FOR ()-[r:PARTY_TO]-() ON (r.validFromStart);
CREATE INDEX rel_controls_id IF NOT EXISTS FOR ()-[r:CONTROLS]-() ON (r.id);
CREATE INDEX rel_controls_valid_from IF NOT EXISTS FOR ()-[r:CONTROLS]-() ON (r.validFromStart);
CREATE INDEX rel_claims_id IF NOT EXISTS FOR ()-[r:CLAIMS]-() ON (r.id);
CREATE INDEX rel_claims_valid_from IF NOT EXISTS FOR ()-[r:CLAIMS]-() ON (r.validFromStart);
CREATE INDEX rel_annexed_id IF NOT EXISTS FOR ()-[r:ANNEXED]-() ON (r.id);
CREATE INDEX rel_annexed_valid_from IF NOT EXISTS FOR ()-[r:ANNEXED]-() ON (r.validFromStart);
CREATE INDEX rel_backs_id IF NOT EXISTS FOR ()-[r:BACKS]-() ON (r.id);
CREATE INDEX rel_backs_valid_from IF NOT EXISTS FOR ()-[r:BACKS]-() ON (r.validFromStart);
CREATE INDEX rel_proposed_id IF NOT EXISTS FOR ()-[r:PROPOSED]-() ON (r.id);
CREATE INDEX rel_proposed_valid_from IF NOT EXISTS FOR ()-[r:PROPOSED]-() ON (r.validFromStart);
CREATE INDEX rel_addresses_id IF NOT EXISTS FOR ()-[r:ADDRESSES]-() ON (r.id);
CREATE INDEX rel_addresses_valid_from IF NOT EXISTS FOR ()-[r:ADDRESSES]-() ON (r.validFromStart);
CREATE INDEX rel_established_id IF NOT EXISTS FOR ()-[r:ESTABLISHED]-() ON (r.id);
CREATE INDEX rel_established_valid_from IF NOT EXISTS FOR ()-[r:ESTABLISHED]-() ON (r.validFromStart);
CREATE INDEX rel_participated_in_id IF NOT EXISTS FOR ()-[r:PARTICIPATED_IN]-() ON (r.id);
CREATE INDEX rel_participated_in_valid_from IF NOT EXISTS FOR ()-[r:PARTICIPATED_IN]-() ON (r.validFromStart);
CREATE INDEX rel_part_of_id IF NOT EXISTS FOR ()-[r:PART_OF]-() ON (r.id);
CREATE INDEX rel_part_of_valid_from IF NOT EXISTS FOR ()-[r:PART_OF]-() ON (r.validFromStart);
CREATE INDEX rel_located_in_id IF NOT EXISTS FOR ()-[r:LOCATED_IN]-() ON (r.id);
CREATE INDEX rel_located_in_valid_from IF NOT EXISTS FOR ()-[r:LOCATED_IN]-() ON (r.validFromStart);
CREATE INDEX rel_precedes_id IF NOT EXISTS FOR ()-[r:PRECEDES]-() ON (r.id);
CREATE INDEX rel_precedes_valid_from IF NOT EXISTS FOR ()-[r:PRECEDES]-() ON (r.validFromStart);
CREATE INDEX rel_stated_id IF NOT EXISTS FOR ()-[r:STATED]-() ON (r.id);
CREATE INDEX rel_stated_valid_from IF NOT EXISTS FOR ()-[r:STATED]-() ON (r.validFromStart);
CREATE INDEX rel_met_with_id IF NOT EXISTS FOR ()-[r:MET_WITH]-() ON (r.id);
CREATE INDEX rel_met_with_valid_from IF NOT EXISTS FOR ()-[r:MET_WITH]-() ON (r.validFromStart);
CREATE INDEX rel_cites_id IF NOT EXISTS FOR ()-[r:CITES]-() ON (r.id);
CREATE INDEX rel_cites_valid_from IF NOT EXISTS FOR ()-[r:CITES]-() ON (r.validFromStart);
