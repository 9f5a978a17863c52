// Version 6: every fact logs each status it is given with the instant it was recorded, which
// is what a read known at an earlier instant sees (cypher/visibility.go, logStatus). A fact
// written before this version gets what can still be known: the status it was created
// with, at its creation, and a retraction at the instant it was made.
MATCH ()-[r]->() WHERE r.id IS NOT NULL AND r.statusLog IS NULL AND r.status = 'retracted' SET r.statusLog = [coalesce(r.previousStatus, 'asserted'), 'retracted'], r.statusSince = [r.createdAt, r.retractedAt];
MATCH ()-[r]->() WHERE r.id IS NOT NULL AND r.statusLog IS NULL SET r.statusLog = [r.status], r.statusSince = [r.createdAt];
