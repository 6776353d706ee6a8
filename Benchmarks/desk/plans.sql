-- The plans of the desk's slowest lists on PostgreSQL, on the database desk_bench.py filled:
--   psql postgres://logis:logis@127.0.0.1:5432/logis_bench -f Benchmarks/desk/plans.sql
-- Same statements as the server sends (Guichet/RequestSearch.swift, Guichet/WorkQueues.swift,
-- Cotation/CotationController.swift), with the values a desk agent of Petite Camargue and the
-- demo applicant would bind.
\pset pager off
SELECT id AS territory FROM territories WHERE slug = 'petite-camargue' \gset
SELECT r.territory_id AS t, r.primary_typology AS typology, r.score AS score, r.first_filed_on AS filed, r.nud AS nud
FROM housing_requests r JOIN accounts a ON a.id = r.account_id WHERE a.email = 'demandeur@demo.logis.fr' \gset

\echo '== search by name « martin » (request_name_words, M0025): about 7,000 matching files'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT r.id, r.nud, r.display_name, r.status, r.birth_date
FROM housing_requests r
WHERE r.territory_id = :'territory'
  AND r.id IN (SELECT w.request_id FROM request_name_words w WHERE w.territory_id = :'territory'
               AND w.word >= 'martin' AND w.word < 'martin' || chr(1114111))
ORDER BY r.first_filed_on DESC, r.id LIMIT 30;

\echo '== search by name « martin manon »: the first word range read by id, the second probed by primary key'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT r.id, r.nud, r.display_name, r.status, r.birth_date
FROM (SELECT DISTINCT w.request_id FROM request_name_words w WHERE w.territory_id = :'territory'
      AND w.word >= 'martin' AND w.word < 'martin' || chr(1114111)) m
CROSS JOIN housing_requests r
WHERE r.territory_id = :'territory' AND r.id = m.request_id
  AND EXISTS (SELECT 1 FROM request_name_words w WHERE w.request_id = r.id
              AND w.word >= 'manon' AND w.word < 'manon' || chr(1114111))
ORDER BY r.first_filed_on DESC, r.id LIMIT 30;

\echo '== search by a name nobody has'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT r.id, r.nud, r.display_name, r.status, r.birth_date
FROM housing_requests r
WHERE r.territory_id = :'territory'
  AND r.id IN (SELECT w.request_id FROM request_name_words w WHERE w.territory_id = :'territory'
               AND w.word >= 'zzyzx' AND w.word < 'zzyzx' || chr(1114111))
ORDER BY r.first_filed_on DESC, r.id LIMIT 30;

\echo '== the applicant''s position among similar requests (housing_requests_similar, M0024)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT SUM(CASE WHEN ((score > :score) OR (score = :score AND first_filed_on < :'filed')
                      OR (score = :score AND first_filed_on = :'filed' AND nud < :'nud')) THEN 1 ELSE 0 END) AS ahead,
       COUNT(*) AS total
FROM housing_requests WHERE territory_id = :'t' AND primary_typology = :'typology'
  AND status IN ('enregistree', 'active', 'en_instruction') AND score IS NOT NULL;

\echo '== the attestation queue: count and first page'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT COUNT(*) FROM housing_requests r WHERE r.territory_id = :'territory' AND r.attestation_due_on IS NOT NULL;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT r.id, r.nud, r.display_name, r.attestation_due_on FROM housing_requests r
WHERE r.territory_id = :'territory' AND r.attestation_due_on IS NOT NULL ORDER BY r.attestation_due_on, r.id LIMIT 30;
