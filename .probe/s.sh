#!/bin/bash
# usage: s.sh term regionpath [variant]
T=$1; P=$2; V=${3:-api}
case $V in
api) W="r.region_id IN (SELECT id FROM region WHERE path LIKE '$P%') AND ((((NOT text_bigrams('$T') @@ '$T'::tsquery) OR r.text_bigrams @@ '$T'::tsquery) AND (r.title ILIKE '%$T%' OR r.content ILIKE '%$T%')) OR (octet_length(r.code) <> char_length(r.code) AND r.code ILIKE '%$T%'))";;
ids) W="r.region_id IN ($4) AND ((((NOT text_bigrams('$T') @@ '$T'::tsquery) OR r.text_bigrams @@ '$T'::tsquery) AND (r.title ILIKE '%$T%' OR r.content ILIKE '%$T%')) OR (octet_length(r.code) <> char_length(r.code) AND r.code ILIKE '%$T%'))";;
esac
psql -h 127.0.0.1 -U postgres -d hotline_bench -c "set jit=off" -c "EXPLAIN (ANALYZE, BUFFERS, COSTS) SELECT r.id, r.created_at FROM service_request r WHERE $W ORDER BY r.created_at DESC, r.id DESC LIMIT 21"
