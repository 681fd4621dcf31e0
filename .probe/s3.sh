#!/bin/bash
# bench raw SQL (new form) timing: term ids
T=$1; IDS=$2
L=${#T}
if [ $L -eq 2 ]; then
M="((r.text_bigrams @@ '''$T'''::tsquery AND (strpos(lower(r.title), '$T') > 0 OR strpos(lower(r.content), '$T') > 0)) OR (octet_length(r.code) <> char_length(r.code) AND r.code ILIKE '%$T%'))"
else
M="(r.title ILIKE '%$T%' OR r.content ILIKE '%$T%' OR r.code ILIKE '%$T%')"
fi
psql -h 127.0.0.1 -U postgres -d hotline_bench -c "set jit=off" -c "EXPLAIN (ANALYZE, COSTS off) SELECT r.id, r.code, r.title, r.status, r.created_at, r.due_at, c.name FROM service_request r JOIN category c ON c.id = r.category_id WHERE r.region_id = ANY('{$IDS}'::bigint[]) AND $M ORDER BY r.created_at DESC, r.id DESC LIMIT 21"
