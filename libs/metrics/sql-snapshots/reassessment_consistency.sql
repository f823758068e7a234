-- inspectie: {"role":"inspectie","scope":{"regions":["VR03","VR13"],"from":"2024-01-01","to":"2024-12-31"},"params":{}}
-- main
-- params: ["2024-01-01","2024-12-31","2024-01-01","2024-12-31"]
WITH multi AS (
  SELECT subject_pseudonym FROM signal_facts
  WHERE reached AND subject_pseudonym IS NOT NULL
    AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
  GROUP BY subject_pseudonym HAVING count(DISTINCT region_code) >= 2
), ranked AS (
  SELECT subject_pseudonym, region_code, final_wp_outcome, subject_rk, subject_nrk,
    row_number() OVER (PARTITION BY subject_pseudonym, region_code ORDER BY final_wp_date DESC, signal_id DESC) AS rn
  FROM signal_facts
  WHERE reached AND subject_pseudonym IN (SELECT subject_pseudonym FROM multi)
    AND received_at >= CAST(? AS DATE) AND received_at <= CAST(? AS DATE)
), person_region AS (
  SELECT subject_pseudonym, region_code, final_wp_outcome, subject_rk, subject_nrk FROM ranked WHERE rn = 1
), persons AS (
  SELECT subject_pseudonym, min(subject_nrk) AS subject_nrk, count(DISTINCT final_wp_outcome) AS outcomes
  FROM person_region GROUP BY subject_pseudonym HAVING count(*) >= 2
)
SELECT pr.region_code, CAST(count(*) AS INTEGER) AS persons, CAST(coalesce(sum(pr.subject_rk), 0) AS DOUBLE) AS persons__k, CAST(coalesce(count_if(p.outcomes > 1), 0) AS INTEGER) AS persons_different, CAST(coalesce(sum(CASE WHEN p.outcomes > 1 THEN pr.subject_rk ELSE 0 END), 0) AS DOUBLE) AS persons_different__k
FROM person_region pr JOIN persons p ON p.subject_pseudonym = pr.subject_pseudonym
GROUP BY pr.region_code
UNION ALL
SELECT CAST(NULL AS VARCHAR) AS region_code, CAST(count(*) AS INTEGER) AS persons, CAST(coalesce(sum(subject_nrk), 0) AS DOUBLE) AS persons__k, CAST(coalesce(count_if(outcomes > 1), 0) AS INTEGER) AS persons_different, CAST(coalesce(sum(CASE WHEN outcomes > 1 THEN subject_nrk ELSE 0 END), 0) AS DOUBLE) AS persons_different__k
FROM persons;
