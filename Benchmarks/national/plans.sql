-- The plans of the hot queries on the national dataset (`logis generate --requests 2700000
-- --dwellings 5000000 --territories 1200 --seed 42`), as docs/PERFORMANCE.md shows them:
--   psql postgres://logis:logis@127.0.0.1:5432/logis_gen_national -f Benchmarks/national/plans.sql
-- The commune is the most wished one ('07100' for seed 42), a T3 (bit 4) under the PLUS (bit 2)
-- at 520 € a month.

\echo '--- pre-selection: one range of ranking_entries_order (the hand-written answer)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT request_id FROM ranking_entries
WHERE commune_code = '07100' AND ((eligible_financings | unjudged_financings) & 2) <> 0
  AND (wished_typologies & 4) <> 0 AND (roomy_typologies & 4) <> 0 AND accessibility_need <= 0
  AND (maximum_rent = 0 OR maximum_rent >= 520)
ORDER BY score DESC, first_filed_on, nud LIMIT 3;

\echo '--- pre-selection as it was: the wishes joined to the requests, sorted for each call'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT r.id FROM request_wishes w JOIN communes c ON c.id = w.commune_id
JOIN housing_requests r ON r.id = w.request_id
WHERE c.insee_code = '07100' AND r.status IN ('enregistree', 'active')
ORDER BY r.score DESC, r.first_filed_on, r.nud LIMIT 3;

\echo '--- observatory: a territory''s stock by bailleur (residences_territory, M0038)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT o.name AS code, COUNT(*) AS n FROM dwellings d JOIN residences r ON r.id = d.residence_id
JOIN communes c ON c.id = r.commune_id JOIN organisations o ON o.id = d.organisation_id
WHERE r.territory_id = (SELECT id FROM territories WHERE slug = 'gen-42-1')
GROUP BY o.name ORDER BY o.name;

\echo '--- observatory: a territory''s pending requests by wished commune'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT c.insee_code AS code, c.name AS label, COUNT(*) AS n FROM request_wishes w
JOIN housing_requests h ON h.id = w.request_id JOIN communes c ON c.id = w.commune_id
WHERE h.status IN ('enregistree', 'active', 'en_instruction', 'attribuee')
  AND h.territory_id = (SELECT id FROM territories WHERE slug = 'gen-42-1')
GROUP BY c.insee_code, c.name ORDER BY c.insee_code;
