#!/bin/bash
T=$1; IDS=$2
W="r.region_id IN ($IDS) AND ((((NOT text_bigrams('$T') @@ '''$T'''::tsquery) OR r.text_bigrams @@ '''$T'''::tsquery) AND (strpos(lower(r.title), '$T') > 0 OR strpos(lower(r.content), '$T') > 0)) OR (octet_length(r.code) <> char_length(r.code) AND r.code ILIKE '%$T%'))"
psql -h 127.0.0.1 -U postgres -d hotline_bench -c "set jit=off" -c "EXPLAIN (ANALYZE, COSTS off) SELECT r.id, r.created_at FROM service_request r WHERE $W ORDER BY r.created_at DESC, r.id DESC LIMIT 21"
