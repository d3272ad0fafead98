/*
 * The network model: actors, relationships, periods, attributes, kinds,
 * the frozen adjacency, derived networks, summaries.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <math.h>
#include <pthread.h>
#include <string.h>

#include "model/network_internal.h"
#include "support.h"

static sm_network *triangle(bool directed)
{
	sm_network *net;
	sm_assert_ok(sm_network_new(&net, directed));
	sm_assert_ok(sm_network_add_actor(NULL, net, "amb", "Ambassador", "diplomat"));
	sm_assert_ok(sm_network_add_actor(NULL, net, "ngo1", "Water NGO", "ngo"));
	sm_assert_ok(sm_network_add_actor(NULL, net, "biz", NULL, NULL));
	sm_assert_ok(sm_network_add_relationship(NULL, net, "amb", "ngo1", 0.8, "formal"));
	sm_assert_ok(sm_network_add_relationship(NULL, net, "ngo1", "biz", 0.4, "informal"));
	sm_assert_ok(sm_network_add_relationship(NULL, net, "biz", "amb", 1.0, NULL));
	return net;
}

START_TEST(actors)
{
	sm_network *net = triangle(false);
	ck_assert_int_eq(sm_network_actor_count(net), 3);
	ck_assert(!sm_network_is_directed(net));
	int64_t i;
	sm_assert_ok(sm_network_find_actor(&i, net, "ngo1"));
	ck_assert_int_eq(i, 1);
	ck_assert_str_eq(sm_network_actor_id(net, 1), "ngo1");
	ck_assert_str_eq(sm_network_actor_label(net, 1), "Water NGO");
	ck_assert_str_eq(sm_network_actor_kind(net, 1), "ngo");
	ck_assert_str_eq(sm_network_actor_label(net, 2), "");
	ck_assert_str_eq(sm_network_actor_kind(net, 2), "other");
	ck_assert_ptr_null(sm_network_actor_id(net, 3));
	ck_assert_ptr_null(sm_network_actor_id(net, -1));
	ck_assert_ptr_null(sm_network_actor_kind(net, 99));
	sm_assert_fails(sm_network_find_actor(&i, net, "nobody"), SM_ENOTFOUND, "\"nobody\"");
	ck_assert_int_eq(i, 1); /* untouched on failure */
	sm_network_free(net);
	sm_network_free(NULL);
}
END_TEST

START_TEST(actor_bad_input)
{
	sm_network *net = triangle(false);
	int64_t idx = -7;
	sm_assert_fails(sm_network_add_actor(&idx, net, "amb", NULL, NULL), SM_EDUPLICATE,
	                "duplicate actor id \"amb\"");
	sm_assert_fails(sm_network_add_actor(&idx, net, "", NULL, NULL), SM_EINVAL, "empty");
	sm_assert_fails(sm_network_add_actor(&idx, net, NULL, NULL, NULL), SM_EINVAL, "empty");
	sm_assert_fails(sm_network_add_actor(&idx, net, "bad\xff", NULL, NULL), SM_EINVAL,
	                "not valid UTF-8");
	sm_assert_fails(sm_network_add_actor(&idx, net, "ok", "bad\xc3", NULL), SM_EINVAL,
	                "label");
	sm_assert_fails(sm_network_add_actor(&idx, net, "ok", NULL, "\xe2\x82"), SM_EINVAL, "kind");
	char *huge = malloc(SM_MAX_STRING_BYTES + 2);
	memset(huge, 'x', SM_MAX_STRING_BYTES + 1);
	huge[SM_MAX_STRING_BYTES + 1] = '\0';
	sm_assert_fails(sm_network_add_actor(&idx, net, huge, NULL, NULL), SM_ELIMIT, "limit");
	free(huge);
	ck_assert_int_eq(idx, -7);
	ck_assert_int_eq(sm_network_actor_count(net), 3);
	sm_network_free(net);
}
END_TEST

START_TEST(relationships)
{
	sm_network *net = triangle(true);
	ck_assert_int_eq(sm_network_relationship_count(net), 3);
	sm_relationship r;
	sm_assert_ok(sm_network_relationship(&r, net, 0));
	ck_assert_int_eq(r.source, 0);
	ck_assert_int_eq(r.target, 1);
	ck_assert(r.quality == 0.8);
	ck_assert_str_eq(r.kind, "formal");
	ck_assert_int_eq(r.since, SM_DATE_NONE);
	sm_assert_ok(sm_network_relationship(&r, net, 2));
	ck_assert_ptr_null(r.kind);
	/* Multi-relationships are kept. */
	int64_t k;
	sm_assert_ok(sm_network_add_relationship(&k, net, "amb", "ngo1", 0.3, "funding"));
	ck_assert_int_eq(k, 3);
	sm_assert_ok(sm_network_add_relationship_at(&k, net, 0, 1, 0.1, "formal"));
	ck_assert_int_eq(sm_network_relationship_count(net), 5);
	sm_assert_ok(sm_network_relationship(&r, net, 4));
	ck_assert_str_eq(r.kind, "formal");
	sm_assert_fails(sm_network_relationship(&r, net, 5), SM_EINVAL, "out of range");
	sm_assert_fails(sm_network_relationship(&r, net, -1), SM_EINVAL, "out of range");
	sm_network_free(net);
}
END_TEST

START_TEST(relationship_bad_input)
{
	sm_network *net = triangle(false);
	int64_t idx = -3;
	sm_assert_fails(sm_network_add_relationship(&idx, net, "amb", "ghost", 0.5, NULL),
	                SM_ENOTFOUND, "unknown actor \"ghost\"");
	sm_assert_fails(sm_network_add_relationship(&idx, net, "ghost", "amb", 0.5, NULL),
	                SM_ENOTFOUND, "unknown actor \"ghost\"");
	sm_assert_fails(sm_network_add_relationship(&idx, net, "amb", "amb", 0.5, NULL), SM_EINVAL,
	                "self-relationship of \"amb\"");
	sm_assert_fails(sm_network_add_relationship(&idx, net, "amb", "biz", 0.0, NULL), SM_EINVAL,
	                "quality 0 is outside (0, 1]");
	sm_assert_fails(sm_network_add_relationship(&idx, net, "amb", "biz", -0.5, NULL), SM_EINVAL,
	                "quality -0.5 is outside");
	sm_assert_fails(sm_network_add_relationship(&idx, net, "amb", "biz", 1.7, NULL), SM_EINVAL,
	                "quality 1.7 is outside (0, 1]");
	sm_assert_fails(sm_network_add_relationship(&idx, net, "amb", "biz", NAN, NULL), SM_EINVAL,
	                "quality nan");
	sm_assert_fails(sm_network_add_relationship(&idx, net, "amb", "biz", INFINITY, NULL),
	                SM_EINVAL, "outside");
	sm_assert_fails(sm_network_add_relationship_at(&idx, net, 0, 3, 0.5, NULL), SM_EINVAL,
	                "out of range");
	sm_assert_fails(sm_network_add_relationship_at(&idx, net, -1, 0, 0.5, NULL), SM_EINVAL,
	                "out of range");
	sm_assert_fails(sm_network_add_relationship(&idx, net, "amb", "biz", 0.5, "bad\xff"),
	                SM_EINVAL, "UTF-8");
	ck_assert_int_eq(idx, -3);
	ck_assert_int_eq(sm_network_relationship_count(net), 3);
	sm_network_free(net);
}
END_TEST

START_TEST(periods)
{
	sm_network *net = triangle(false);
	sm_assert_ok(sm_network_set_period(net, 1, "2020-01-01", "2022-06-30"));
	sm_assert_ok(sm_network_set_period(net, 2, NULL, "2021-12-31"));
	sm_relationship r;
	sm_assert_ok(sm_network_relationship(&r, net, 1));
	char buf[11];
	sm_assert_ok(sm_date_format(buf, r.since));
	ck_assert_str_eq(buf, "2020-01-01");
	sm_assert_ok(sm_date_format(buf, r.until));
	ck_assert_str_eq(buf, "2022-06-30");
	sm_assert_ok(sm_network_relationship(&r, net, 0));
	ck_assert_int_eq(r.since, SM_DATE_NONE);
	ck_assert_int_eq(r.until, SM_DATE_NONE);
	/* Relationships added after the first period get open periods. */
	int64_t k;
	sm_assert_ok(sm_network_add_relationship(&k, net, "amb", "biz", 0.2, NULL));
	sm_assert_ok(sm_network_relationship(&r, net, k));
	ck_assert_int_eq(r.since, SM_DATE_NONE);
	sm_assert_fails(sm_network_set_period(net, 0, "2022-01-01", "2021-01-01"), SM_EINVAL,
	                "until 2021-01-01 is before since 2022-01-01");
	sm_assert_fails(sm_network_set_period(net, 0, "2022-02-30", NULL), SM_EINVAL,
	                "does not exist");
	sm_assert_fails(sm_network_set_period(net, 0, "soon", NULL), SM_EINVAL, "YYYY-MM-DD");
	sm_assert_fails(sm_network_set_period(net, 9, NULL, NULL), SM_EINVAL, "out of range");
	sm_assert_ok(sm_network_relationship(&r, net, 0));
	ck_assert_int_eq(r.since, SM_DATE_NONE);
	sm_network_free(net);
}
END_TEST

START_TEST(attributes)
{
	sm_network *net = triangle(false);
	sm_value v = sm_value_string("f");
	sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, 0, "gender", &v));
	v = sm_value_number(0.25);
	sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, 2, "stance", &v));
	v = sm_value_bool(true);
	sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, 1, "verified", &v));
	v = sm_value_string("MoU");
	sm_assert_ok(sm_network_set_attr(net, SM_RELATIONSHIP, 0, "basis", &v));

	ck_assert_int_eq(sm_network_attr_count(net, SM_ACTOR), 3);
	ck_assert_int_eq(sm_network_attr_count(net, SM_RELATIONSHIP), 1);
	sm_value_type type;
	ck_assert_str_eq(sm_network_attr_name(net, SM_ACTOR, 0, &type), "gender");
	ck_assert_int_eq(type, SM_VALUE_STRING);
	ck_assert_str_eq(sm_network_attr_name(net, SM_ACTOR, 1, &type), "stance");
	ck_assert_int_eq(type, SM_VALUE_NUMBER);
	ck_assert_str_eq(sm_network_attr_name(net, SM_ACTOR, 2, &type), "verified");
	ck_assert_int_eq(type, SM_VALUE_BOOL);
	ck_assert_ptr_null(sm_network_attr_name(net, SM_ACTOR, 3, NULL));

	sm_value out;
	sm_assert_ok(sm_network_attr(&out, net, SM_ACTOR, 0, "gender"));
	ck_assert_int_eq(out.type, SM_VALUE_STRING);
	ck_assert_str_eq(out.as.s, "f");
	sm_assert_ok(sm_network_attr(&out, net, SM_ACTOR, 1, "gender"));
	ck_assert_int_eq(out.type, SM_VALUE_NULL);
	sm_assert_ok(sm_network_attr(&out, net, SM_ACTOR, 2, "stance"));
	ck_assert(out.as.n == 0.25);
	sm_assert_ok(sm_network_attr(&out, net, SM_ACTOR, 1, "verified"));
	ck_assert(out.as.b);
	sm_assert_ok(sm_network_attr(&out, net, SM_RELATIONSHIP, 0, "basis"));
	ck_assert_str_eq(out.as.s, "MoU");
	/* Null removes. */
	v = sm_value_null();
	sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, 0, "gender", &v));
	sm_assert_ok(sm_network_attr(&out, net, SM_ACTOR, 0, "gender"));
	ck_assert_int_eq(out.type, SM_VALUE_NULL);
	/* Overwrite keeps one value. */
	v = sm_value_number(-1);
	sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, 2, "stance", &v));
	sm_assert_ok(sm_network_attr(&out, net, SM_ACTOR, 2, "stance"));
	ck_assert(out.as.n == -1);
	sm_network_free(net);
}
END_TEST

START_TEST(attribute_bad_input)
{
	sm_network *net = triangle(false);
	sm_value v = sm_value_number(1);
	sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, 0, "age", &v));
	sm_value s = sm_value_string("young");
	sm_assert_fails(sm_network_set_attr(net, SM_ACTOR, 1, "age", &s), SM_EINVAL,
	                "attribute \"age\" holds numbers, but \"young\" is text");
	sm_value b = sm_value_bool(false);
	sm_assert_fails(sm_network_set_attr(net, SM_ACTOR, 1, "age", &b), SM_EINVAL, "true/false");
	sm_assert_fails(sm_network_set_attr(net, SM_ACTOR, 3, "age", &v), SM_EINVAL, "out of range");
	sm_assert_fails(sm_network_set_attr(net, SM_RELATIONSHIP, 3, "age", &v), SM_EINVAL,
	                "out of range");
	sm_assert_fails(sm_network_set_attr(net, SM_ACTOR, 0, "kind", &s), SM_EINVAL, "reserved");
	sm_assert_fails(sm_network_set_attr(net, SM_RELATIONSHIP, 0, "quality", &v), SM_EINVAL,
	                "reserved");
	sm_assert_fails(sm_network_set_attr(net, SM_ACTOR, 0, "", &v), SM_EINVAL, "empty");
	sm_assert_fails(sm_network_set_attr(net, SM_ACTOR, 0, NULL, &v), SM_EINVAL, "empty");
	sm_assert_fails(sm_network_set_attr(net, SM_ACTOR, 0, "\t", &v), SM_EINVAL,
	                "control character");
	sm_assert_fails(sm_network_set_attr(net, SM_ACTOR, 0, "a\nb", &v), SM_EINVAL,
	                "control character");
	sm_assert_fails(sm_network_set_attr(net, SM_ACTOR, 0, " region", &v), SM_EINVAL,
	                "begins or ends with a space");
	sm_assert_fails(sm_network_set_attr(net, SM_ACTOR, 0, "region ", &v), SM_EINVAL,
	                "begins or ends with a space");
	sm_assert_fails(sm_network_set_attr(net, SM_ACTOR, 0, "x", NULL), SM_EINVAL, "missing");
	sm_value nan = sm_value_number(NAN);
	sm_assert_fails(sm_network_set_attr(net, SM_ACTOR, 0, "score", &nan), SM_EINVAL,
	                "not finite");
	sm_value bad = sm_value_string("\xff");
	sm_assert_fails(sm_network_set_attr(net, SM_ACTOR, 0, "note", &bad), SM_EINVAL, "UTF-8");
	sm_value nul = { .type = SM_VALUE_STRING };
	sm_assert_fails(sm_network_set_attr(net, SM_ACTOR, 0, "note", &nul), SM_EINVAL, "NULL");
	/* Failures declared no attribute. */
	ck_assert_int_eq(sm_network_attr_count(net, SM_ACTOR), 1);
	sm_value out;
	sm_assert_fails(sm_network_attr(&out, net, SM_ACTOR, 0, "nothing"), SM_ENOTFOUND,
	                "no actor attribute \"nothing\"");
	sm_assert_fails(sm_network_attr(&out, net, SM_ACTOR, 5, "age"), SM_EINVAL, "out of range");
	/* The attribute limit. */
	char name[32];
	int rc = SM_OK;
	for (int i = 0; i <= SM_MAX_ATTRIBUTES && rc == SM_OK; i++) {
		snprintf(name, sizeof name, "a%d", i);
		rc = sm_network_set_attr(net, SM_RELATIONSHIP, 0, name, &v);
	}
	ck_assert_int_eq(rc, SM_ELIMIT);
	ck_assert(strstr(sm_error_last()->message, "1024") != NULL);
	ck_assert_int_eq(sm_network_attr_count(net, SM_RELATIONSHIP), SM_MAX_ATTRIBUTES);
	sm_network_free(net);
}
END_TEST

START_TEST(kinds)
{
	ck_assert_uint_eq(sm_kind_count(), 16);
	const char *expected[] = { "diplomat", "government", "multilateral", "business", "ngo",
	                           "philanthropy", "media", "academia", "alumni", "diaspora",
	                           "diplomat_for_hire", "civil_society", "youth", "influencer",
	                           "data_science", "other" };
	for (size_t k = 0; k < 16; k++) {
		ck_assert_str_eq(sm_kind_name(k), expected[k]);
		ck_assert_uint_gt(strlen(sm_kind_description(k)), 10);
		ck_assert(sm_kind_is_builtin(expected[k]));
	}
	ck_assert_ptr_null(sm_kind_name(16));
	ck_assert_ptr_null(sm_kind_description(16));
	ck_assert(!sm_kind_is_builtin("astronaut"));
	ck_assert(!sm_kind_is_builtin(NULL));
}
END_TEST

START_TEST(freeze_csr_undirected)
{
	sm_network *net = triangle(false);
	sm_assert_ok(sm_network_add_relationship(NULL, net, "ngo1", "amb", 0.3, NULL));
	sm_assert_ok(sm_network_freeze(net));
	const sm_frozen *f = sm_network_frozen(net);
	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_null(f->in.offsets);
	const sm_csr *g = &f->out;
	/* amb: ngo1 (0.8), ngo1 (0.3), biz (1.0): sorted by neighbour, stable */
	ck_assert_int_eq(g->offsets[0], 0);
	ck_assert_int_eq(g->offsets[1], 3);
	ck_assert_int_eq(g->nbr[0], 1);
	ck_assert(g->q[0] == 0.8);
	ck_assert_int_eq(g->nbr[1], 1);
	ck_assert(g->q[1] == 0.3);
	ck_assert_int_eq(g->nbr[2], 2);
	ck_assert_int_eq(g->offsets[3], 8);
	/* Mutation thaws; the next use rebuilds. */
	sm_assert_ok(sm_network_add_actor(NULL, net, "new", NULL, NULL));
	const sm_frozen *f2 = sm_network_frozen(net);
	ck_assert_int_eq(f2->out.n, 4);
	ck_assert_int_eq(f2->out.offsets[4], 8);
	sm_network_free(net);
}
END_TEST

START_TEST(freeze_csr_directed_large_rows)
{
	/* A star with 1000 leaves inserted in descending order exercises the
	 * merge sort of long rows. */
	sm_network *net;
	sm_assert_ok(sm_network_new(&net, true));
	char id[16];
	sm_assert_ok(sm_network_add_actor(NULL, net, "hub", NULL, NULL));
	for (int i = 0; i < 1000; i++) {
		snprintf(id, sizeof id, "leaf%d", i);
		sm_assert_ok(sm_network_add_actor(NULL, net, id, NULL, NULL));
	}
	for (int i = 1000; i >= 1; i--)
		sm_assert_ok(sm_network_add_relationship_at(NULL, net, 0, i, (double)i / 1000.0, NULL));
	sm_assert_ok(sm_network_add_relationship_at(NULL, net, 5, 0, 0.5, NULL));
	const sm_frozen *f = sm_network_frozen(net);
	const sm_csr *out = &f->out, *in = &f->in;
	ck_assert_int_eq(out->offsets[1] - out->offsets[0], 1000);
	for (int64_t i = out->offsets[0]; i < out->offsets[1]; i++) {
		ck_assert_int_eq(out->nbr[i], i + 1);
		ck_assert(out->q[i] == (double)(i + 1) / 1000.0);
	}
	ck_assert_int_eq(in->offsets[1] - in->offsets[0], 1);
	ck_assert_int_eq(in->nbr[in->offsets[0]], 5);
	ck_assert_int_eq(in->offsets[6] - in->offsets[5], 1);
	ck_assert_int_eq(out->offsets[6] - out->offsets[5], 1);
	sm_network_free(net);
}
END_TEST

static void *freeze_worker(void *arg)
{
	const sm_network *net = arg;
	const sm_frozen *f = sm_network_frozen(net);
	return (void *)f;
}

START_TEST(freeze_from_many_threads)
{
	sm_network *net = triangle(false);
	pthread_t t[8];
	void *seen[8];
	for (int i = 0; i < 8; i++)
		ck_assert_int_eq(pthread_create(&t[i], NULL, freeze_worker, net), 0);
	for (int i = 0; i < 8; i++)
		pthread_join(t[i], &seen[i]);
	for (int i = 1; i < 8; i++)
		ck_assert_ptr_eq(seen[i], seen[0]);
	ck_assert_ptr_nonnull(seen[0]);
	sm_network_free(net);
}
END_TEST

START_TEST(freeze_out_of_memory)
{
	sm_network *net = triangle(false);
	sm_alloc_fail_after(1);
	ck_assert_int_eq(sm_network_freeze(net), SM_ENOMEM);
	sm_alloc_fail_after(-1);
	sm_assert_ok(sm_network_freeze(net));
	sm_network_free(net);
}
END_TEST

START_TEST(linear_building)
{
	/* Appends are amortised O(1): adding 400,000 relationships (and 40,000
	 * actors) makes only O(log m) allocations — array doublings — and none
	 * per relationship. Counted, not timed, so the test cannot flake. */
	const int64_t m = 400000, n = 40000;
	sm_network *net;
	sm_assert_ok(sm_network_new(&net, false));
	char id[32];
	int64_t before = sm_alloc_count();
	for (int64_t i = 0; i < n; i++) {
		snprintf(id, sizeof id, "actor_%lld", (long long)i);
		sm_assert_ok(sm_network_add_actor(NULL, net, id, NULL, "ngo"));
	}
	int64_t actor_allocs = sm_alloc_count() - before;
	before = sm_alloc_count();
	for (int64_t r = 0; r < m; r++) {
		int64_t s = (r * 7919) % n, t = (r * 104729 + 1) % n;
		if (s == t)
			t = (t + 1) % n;
		sm_assert_ok(sm_network_add_relationship_at(NULL, net, s, t, 0.5,
		                                            r % 2 ? "formal" : "informal"));
	}
	int64_t rel_allocs = sm_alloc_count() - before;
	ck_assert_msg(rel_allocs < 100, "%lld allocations for %lld relationships",
	              (long long)rel_allocs, (long long)m);
	/* Actors: array doublings, hash-map doublings and arena blocks. */
	ck_assert_msg(actor_allocs < 200, "%lld allocations for %lld actors",
	              (long long)actor_allocs, (long long)n);
	/* Freezing: a fixed number of arrays, whatever the size. */
	before = sm_alloc_count();
	sm_assert_ok(sm_network_freeze(net));
	ck_assert_int_le(sm_alloc_count() - before, 8);
	ck_assert_int_eq(sm_network_frozen(net)->out.offsets[n], 2 * m);
	sm_network_free(net);
}
END_TEST

START_TEST(snapshot_at)
{
	sm_network *net = triangle(false);
	sm_value v = sm_value_string("MoU");
	sm_assert_ok(sm_network_set_attr(net, SM_RELATIONSHIP, 1, "basis", &v));
	sm_assert_ok(sm_network_set_period(net, 0, "2020-01-01", "2020-12-31"));
	sm_assert_ok(sm_network_set_period(net, 1, "2021-01-01", NULL));
	sm_network *snap;
	sm_assert_ok(sm_network_at(&snap, net, "2020-06-01"));
	ck_assert_int_eq(sm_network_actor_count(snap), 3);
	ck_assert_int_eq(sm_network_relationship_count(snap), 2); /* r0 and the open r2 */
	sm_network_free(snap);
	sm_assert_ok(sm_network_at(&snap, net, "2020-12-31")); /* until is inclusive */
	ck_assert_int_eq(sm_network_relationship_count(snap), 2);
	sm_network_free(snap);
	sm_assert_ok(sm_network_at(&snap, net, "2022-01-01"));
	ck_assert_int_eq(sm_network_relationship_count(snap), 2); /* r1 and r2 */
	sm_relationship r;
	sm_assert_ok(sm_network_relationship(&r, snap, 0));
	ck_assert_str_eq(sm_network_actor_id(snap, r.source), "ngo1");
	char buf[11];
	sm_assert_ok(sm_date_format(buf, r.since));
	ck_assert_str_eq(buf, "2021-01-01");
	sm_value out;
	sm_assert_ok(sm_network_attr(&out, snap, SM_RELATIONSHIP, 0, "basis"));
	ck_assert_str_eq(out.as.s, "MoU");
	sm_network_free(snap);
	sm_network *keep = (sm_network *)0x1;
	sm_assert_fails(sm_network_at(&keep, net, "2020-13-01"), SM_EINVAL, "does not exist");
	ck_assert_ptr_eq(keep, (sm_network *)0x1);
	sm_network_free(net);
}
END_TEST

START_TEST(copy_is_deep)
{
	sm_network *net = triangle(true);
	sm_value v = sm_value_number(3);
	sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, 1, "staff", &v));
	sm_assert_ok(sm_network_set_period(net, 2, "2019-05-05", "2019-05-06"));
	sm_network *copy;
	sm_assert_ok(sm_network_copy(&copy, net));
	sm_network_free(net);
	ck_assert(sm_network_is_directed(copy));
	ck_assert_int_eq(sm_network_actor_count(copy), 3);
	ck_assert_int_eq(sm_network_relationship_count(copy), 3);
	ck_assert_str_eq(sm_network_actor_label(copy, 0), "Ambassador");
	sm_value out;
	sm_assert_ok(sm_network_attr(&out, copy, SM_ACTOR, 1, "staff"));
	ck_assert(out.as.n == 3);
	sm_relationship r;
	sm_assert_ok(sm_network_relationship(&r, copy, 2));
	char buf[11];
	sm_assert_ok(sm_date_format(buf, r.until));
	ck_assert_str_eq(buf, "2019-05-06");
	ck_assert_str_eq(sm_network_relationship(&r, copy, 0) == SM_OK ? r.kind : "", "formal");
	sm_network_free(copy);
}
END_TEST

START_TEST(summary)
{
	sm_network *net = triangle(false);
	sm_assert_ok(sm_network_add_actor(NULL, net, "alone", NULL, "youth"));
	sm_assert_ok(sm_network_add_actor(NULL, net, "x", NULL, "media"));
	sm_assert_ok(sm_network_add_actor(NULL, net, "y", NULL, "media"));
	sm_assert_ok(sm_network_add_relationship(NULL, net, "x", "y", 0.1, NULL));
	sm_assert_ok(sm_network_add_relationship(NULL, net, "y", "x", 0.2, NULL));
	sm_assert_ok(sm_network_set_period(net, 3, "2021-03-04", NULL));
	sm_summary s;
	sm_assert_ok(sm_network_summarize(&s, net));
	ck_assert_int_eq(s.actors, 6);
	ck_assert_int_eq(s.relationships, 5);
	ck_assert_int_eq(s.pairs, 4);
	ck_assert_int_eq(s.multi_relationships, 1);
	ck_assert(fabs(s.density - 4.0 / 15.0) < 1e-15);
	ck_assert_int_eq(s.components, 3);
	ck_assert_int_eq(s.largest_component, 3);
	ck_assert_int_eq(s.strong_components, 3);
	ck_assert_int_eq(s.isolated, 1);
	ck_assert(fabs(s.mean_degree - 10.0 / 6.0) < 1e-15);
	ck_assert(s.quality_min == 0.1);
	ck_assert(s.quality_max == 1.0);
	ck_assert(fabs(s.quality_mean - 2.5 / 5) < 1e-15);
	ck_assert(s.quality_median == 0.4);
	ck_assert_int_eq(s.quality_histogram[0], 2);
	ck_assert_int_eq(s.quality_histogram[1], 1); /* 0.4 is in (0.2, 0.4] */
	ck_assert_int_eq(s.quality_histogram[3], 1);
	ck_assert_int_eq(s.quality_histogram[4], 1);
	ck_assert_int_eq(s.dated, 1);
	char buf[11];
	sm_assert_ok(sm_date_format(buf, s.first_date));
	ck_assert_str_eq(buf, "2021-03-04");
	sm_network_free(net);
}
END_TEST

START_TEST(summary_directed_and_empty)
{
	sm_network *net = triangle(true); /* amb→ngo1→biz→amb: one strong component */
	sm_assert_ok(sm_network_add_actor(NULL, net, "tail", NULL, NULL));
	sm_assert_ok(sm_network_add_relationship(NULL, net, "amb", "tail", 0.5, NULL));
	sm_summary s;
	sm_assert_ok(sm_network_summarize(&s, net));
	ck_assert_int_eq(s.components, 1);
	ck_assert_int_eq(s.strong_components, 2);
	ck_assert(fabs(s.density - 4.0 / 12.0) < 1e-15);
	ck_assert_int_eq(s.isolated, 0);
	sm_network_free(net);

	sm_assert_ok(sm_network_new(&net, false));
	sm_assert_ok(sm_network_summarize(&s, net));
	ck_assert_int_eq(s.actors, 0);
	ck_assert(s.density == 0.0);
	ck_assert(isnan(s.quality_mean));
	ck_assert_int_eq(s.components, 0);
	ck_assert_int_eq(s.first_date, SM_DATE_NONE);
	sm_network_free(net);
}
END_TEST

START_TEST(count_by)
{
	sm_network *net = triangle(false);
	sm_assert_ok(sm_network_add_actor(NULL, net, "ngo2", NULL, "ngo"));
	sm_value v = sm_value_string("f");
	sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, 0, "gender", &v));
	sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, 1, "gender", &v));
	v = sm_value_number(2);
	sm_assert_ok(sm_network_set_attr(net, SM_ACTOR, 1, "rank", &v));
	sm_table *t;
	sm_assert_ok(sm_network_count_by(&t, net, "kind"));
	ck_assert_uint_eq(sm_table_rows(t), 3);
	size_t n;
	const char *const *values = sm_table_column_string(t, "value", &n);
	const int64_t *counts = sm_table_column_int64(t, "actors", NULL);
	const double *share = sm_table_column_double(t, "share", NULL);
	ck_assert_str_eq(values[0], "ngo");
	ck_assert_int_eq(counts[0], 2);
	ck_assert(share[0] == 0.5);
	ck_assert_str_eq(values[1], "diplomat"); /* ties by value */
	ck_assert_str_eq(values[2], "other");
	sm_table_free(t);
	sm_assert_ok(sm_network_count_by(&t, net, "gender"));
	values = sm_table_column_string(t, "value", &n);
	ck_assert_str_eq(values[0], "(none)");
	ck_assert_str_eq(values[1], "f");
	sm_table_free(t);
	sm_assert_ok(sm_network_count_by(&t, net, "rank"));
	values = sm_table_column_string(t, "value", &n);
	ck_assert_str_eq(values[0], "(none)");
	ck_assert_str_eq(values[1], "2");
	sm_table_free(t);
	t = (sm_table *)0x1;
	sm_assert_fails(sm_network_count_by(&t, net, "region"), SM_ENOTFOUND, "\"region\"");
	ck_assert_ptr_eq(t, (sm_table *)0x1);
	sm_network_free(net);
}
END_TEST

static Suite *network_suite(void)
{
	Suite *s = suite_create("network");
	TCase *tc = tcase_create("network");
	tcase_add_test(tc, actors);
	tcase_add_test(tc, actor_bad_input);
	tcase_add_test(tc, relationships);
	tcase_add_test(tc, relationship_bad_input);
	tcase_add_test(tc, periods);
	tcase_add_test(tc, attributes);
	tcase_add_test(tc, attribute_bad_input);
	tcase_add_test(tc, kinds);
	tcase_add_test(tc, freeze_csr_undirected);
	tcase_add_test(tc, freeze_csr_directed_large_rows);
	tcase_add_test(tc, freeze_from_many_threads);
	tcase_add_test(tc, freeze_out_of_memory);
	tcase_add_test(tc, linear_building);
	tcase_add_test(tc, snapshot_at);
	tcase_add_test(tc, copy_is_deep);
	tcase_add_test(tc, summary);
	tcase_add_test(tc, summary_directed_and_empty);
	tcase_add_test(tc, count_by);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	return s;
}

SM_TEST_MAIN(network_suite)
