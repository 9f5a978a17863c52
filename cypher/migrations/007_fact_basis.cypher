// Version 7: every fact says whether its sources state it or a curator inferred it. Facts
// written before bases were recorded were all read from what their quotes say: stated.
MATCH ()-[r]->() WHERE r.id IS NOT NULL AND r.basis IS NULL SET r.basis = 'stated';
