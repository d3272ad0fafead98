/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * sm_network: life cycle, actors, relationships and their periods.
 * Attributes are in attributes.c, frozen views in freeze.c.
 */
#include <math.h>
#include <string.h>

#include "model/network_internal.h"

int sm_network_new(sm_network **out, bool directed)
{
	sm_network *net = sm_calloc(1, sizeof *net);
	if (!net)
		return sm_fail_nomem();
	net->directed = directed;
	sm_interner_init(&net->strings);
	sm_arena_init(&net->names);
	sm_hashmap_init(&net->id_index);
	sm_hashmap_init(&net->rel_kind_index);
	for (int w = 0; w < 2; w++)
		sm_hashmap_init(&net->attrs[w].by_name);
	net->rel_kinds = sm_malloc(8 * sizeof *net->rel_kinds);
	if (!net->rel_kinds) {
		sm_free(net);
		return sm_fail_nomem();
	}
	net->rel_kinds[0] = NULL;
	net->rel_kind_count = 1;
	net->rel_kind_cap = 8;
	pthread_mutex_init(&net->freeze_lock, NULL);
	atomic_init(&net->frozen, NULL);
	*out = net;
	return SM_OK;
}

void sm_network_free(sm_network *net)
{
	if (!net)
		return;
	sm_network_thaw(net);
	pthread_mutex_destroy(&net->freeze_lock);
	sm_free(net->actor_id);
	sm_free(net->actor_label);
	sm_free(net->actor_kind);
	sm_hashmap_dispose(&net->id_index);
	sm_free(net->rel_source);
	sm_free(net->rel_target);
	sm_free(net->rel_quality);
	sm_free(net->rel_kind);
	sm_free(net->rel_since);
	sm_free(net->rel_until);
	sm_free(net->rel_kinds);
	sm_hashmap_dispose(&net->rel_kind_index);
	sm_attr_tables_dispose(net);
	sm_arena_dispose(&net->names);
	sm_interner_dispose(&net->strings);
	sm_free(net);
}

bool sm_network_is_directed(const sm_network *net)
{
	return net->directed;
}

int64_t sm_network_actor_count(const sm_network *net)
{
	return (int64_t)net->n;
}

int64_t sm_network_relationship_count(const sm_network *net)
{
	return (int64_t)net->m;
}

const char *sm_network_intern(sm_network *net, const char *s, size_t len)
{
	return sm_intern(&net->strings, s, len);
}

int sm_check_text(const char *what, const char *s, size_t *len_out)
{
	char q[64];
	size_t len = strlen(s);
	if (len > SM_MAX_STRING_BYTES)
		return sm_fail(SM_ELIMIT, "%s %s is %zu bytes long; the limit is %d", what,
		               sm_quote(q, s), len, SM_MAX_STRING_BYTES);
	size_t bad;
	if (!sm_utf8_valid(s, len, &bad))
		return sm_fail(SM_EINVAL, "%s %s is not valid UTF-8 (byte %zu)", what, sm_quote(q, s),
		               bad + 1);
	*len_out = len;
	return SM_OK;
}

/* Grow every per-actor array to hold `need` actors. */
static int grow_actors(sm_network *net, size_t need)
{
	if (need <= net->actor_cap)
		return SM_OK;
	size_t cap = net->actor_cap ? net->actor_cap * 2 : 64;
	while (cap < need)
		cap *= 2;
	const char **a = sm_reallocarray(net->actor_id, cap, sizeof *a);
	if (!a)
		return sm_fail_nomem();
	net->actor_id = a;
	a = sm_reallocarray(net->actor_label, cap, sizeof *a);
	if (!a)
		return sm_fail_nomem();
	net->actor_label = a;
	a = sm_reallocarray(net->actor_kind, cap, sizeof *a);
	if (!a)
		return sm_fail_nomem();
	net->actor_kind = a;
	net->actor_cap = cap;
	return SM_OK;
}

int sm_network_reserve(sm_network *net, size_t actors, size_t relationships)
{
	int rc = grow_actors(net, actors);
	if (rc == SM_OK)
		rc = sm_hashmap_reserve(&net->id_index, actors);
	if (rc == SM_OK)
		rc = sm_network_grow_relationships(net, relationships);
	return rc;
}

int sm_network_add_actor(int64_t *index, sm_network *net, const char *id, const char *label,
                         const char *kind)
{
	char q[64];
	size_t id_len, label_len = 0, kind_len = 0;
	int rc;
	if (!id || !*id)
		return sm_fail(SM_EINVAL, "actor id is empty");
	if ((rc = sm_check_text("actor id", id, &id_len)))
		return rc;
	if (label && (rc = sm_check_text("label", label, &label_len)))
		return rc;
	if (kind && (rc = sm_check_text("kind", kind, &kind_len)))
		return rc;
	uint64_t h = sm_hash_string(id, id_len);
	if (sm_hashmap_get_h(&net->id_index, id, h, NULL))
		return sm_fail(SM_EDUPLICATE, "duplicate actor id %s", sm_quote(q, id));
	if (net->n >= (size_t)SM_MAX_ACTORS)
		return sm_fail(SM_ELIMIT, "more than %d actors", SM_MAX_ACTORS);
	if ((rc = grow_actors(net, net->n + 1)))
		return rc;
	/* Ids and labels are mostly unique: stored once in the arena, not
	 * interned. Kinds repeat: interned. */
	const char *id_copy = sm_arena_strndup(&net->names, id, id_len);
	const char *label_copy = label_len ? sm_arena_strndup(&net->names, label, label_len) : "";
	const char *kind_copy = kind_len ? sm_network_intern(net, kind, kind_len)
	                                 : sm_network_intern(net, "other", 5);
	if (!id_copy || !label_copy || !kind_copy)
		return sm_fail_nomem();
	if ((rc = sm_hashmap_put_h(&net->id_index, id_copy, h, (int64_t)net->n, NULL)))
		return rc == SM_ENOMEM ? rc : sm_fail(SM_EINTERNAL, "id index out of step");
	sm_network_thaw(net);
	net->actor_id[net->n] = id_copy;
	net->actor_label[net->n] = label_copy;
	net->actor_kind[net->n] = kind_copy;
	if (index)
		*index = (int64_t)net->n;
	net->n++;
	return SM_OK;
}

int sm_network_find_actor(int64_t *index, const sm_network *net, const char *id)
{
	char q[64];
	int64_t v;
	if (!id || !sm_hashmap_get(&net->id_index, id, &v))
		return sm_fail(SM_ENOTFOUND, "unknown actor %s", sm_quote(q, id ? id : ""));
	*index = v;
	return SM_OK;
}

const char *sm_network_actor_id(const sm_network *net, int64_t i)
{
	return i >= 0 && (size_t)i < net->n ? net->actor_id[i] : NULL;
}

const char *sm_network_actor_label(const sm_network *net, int64_t i)
{
	return i >= 0 && (size_t)i < net->n ? net->actor_label[i] : NULL;
}

const char *sm_network_actor_kind(const sm_network *net, int64_t i)
{
	return i >= 0 && (size_t)i < net->n ? net->actor_kind[i] : NULL;
}

int sm_network_grow_relationships(sm_network *net, size_t need)
{
	if (need <= net->rel_cap)
		return SM_OK;
	size_t cap = net->rel_cap ? net->rel_cap * 2 : 64;
	while (cap < need)
		cap *= 2;
	int32_t *s = sm_reallocarray(net->rel_source, cap, sizeof *s);
	if (!s)
		return sm_fail_nomem();
	net->rel_source = s;
	int32_t *t = sm_reallocarray(net->rel_target, cap, sizeof *t);
	if (!t)
		return sm_fail_nomem();
	net->rel_target = t;
	double *q = sm_reallocarray(net->rel_quality, cap, sizeof *q);
	if (!q)
		return sm_fail_nomem();
	net->rel_quality = q;
	uint32_t *k = sm_reallocarray(net->rel_kind, cap, sizeof *k);
	if (!k)
		return sm_fail_nomem();
	net->rel_kind = k;
	if (net->rel_since) {
		int32_t *a = sm_reallocarray(net->rel_since, cap, sizeof *a);
		if (!a)
			return sm_fail_nomem();
		net->rel_since = a;
		a = sm_reallocarray(net->rel_until, cap, sizeof *a);
		if (!a)
			return sm_fail_nomem();
		net->rel_until = a;
	}
	net->rel_cap = cap;
	return SM_OK;
}

/* Index of relationship kind `kind` in net->rel_kinds, adding it if new. */
static int rel_kind_index(uint32_t *out, sm_network *net, const char *kind)
{
	size_t len;
	int rc;
	if (!kind || !*kind) {
		*out = 0;
		return SM_OK;
	}
	if ((rc = sm_check_text("relationship kind", kind, &len)))
		return rc;
	int64_t v;
	if (sm_hashmap_get(&net->rel_kind_index, kind, &v)) {
		*out = (uint32_t)v;
		return SM_OK;
	}
	if (net->rel_kind_count >= UINT32_MAX)
		return sm_fail(SM_ELIMIT, "too many relationship kinds");
	if ((rc = SM_GROW(net->rel_kinds, net->rel_kind_cap, net->rel_kind_count + 1)))
		return rc;
	const char *copy = sm_network_intern(net, kind, len);
	if (!copy)
		return SM_ENOMEM;
	if ((rc = sm_hashmap_put(&net->rel_kind_index, copy, (int64_t)net->rel_kind_count, NULL)))
		return rc;
	net->rel_kinds[net->rel_kind_count] = copy;
	*out = (uint32_t)net->rel_kind_count++;
	return SM_OK;
}

int sm_check_quality(double quality)
{
	char buf[32];
	if (!(quality > 0.0 && quality <= 1.0)) {
		sm_format_double(buf, quality);
		return sm_fail(SM_EINVAL, "quality %s is outside (0, 1]", buf);
	}
	return SM_OK;
}

int sm_network_add_relationship_at(int64_t *index, sm_network *net, int64_t source,
                                   int64_t target, double quality, const char *kind)
{
	char q[64];
	int rc;
	if (source < 0 || (size_t)source >= net->n || target < 0 || (size_t)target >= net->n)
		return sm_fail(SM_EINVAL, "actor index %lld is out of range (%zu actors)",
		               (long long)(source < 0 || (size_t)source >= net->n ? source : target),
		               net->n);
	if (source == target)
		return sm_fail(SM_EINVAL, "self-relationship of %s is not allowed",
		               sm_quote(q, net->actor_id[source]));
	if ((rc = sm_check_quality(quality)))
		return rc;
	if (net->m >= (size_t)INT32_MAX)
		return sm_fail(SM_ELIMIT, "more than %d relationships", INT32_MAX);
	uint32_t k = 0;
	if ((rc = rel_kind_index(&k, net, kind)))
		return rc;
	if ((rc = sm_network_grow_relationships(net, net->m + 1)))
		return rc;
	sm_network_thaw(net);
	size_t r = net->m;
	net->rel_source[r] = (int32_t)source;
	net->rel_target[r] = (int32_t)target;
	net->rel_quality[r] = quality;
	net->rel_kind[r] = k;
	if (net->rel_since)
		net->rel_since[r] = net->rel_until[r] = SM_DATE_NONE;
	if (index)
		*index = (int64_t)r;
	net->m++;
	return SM_OK;
}

int sm_network_add_relationship(int64_t *index, sm_network *net, const char *source,
                                const char *target, double quality, const char *kind)
{
	int64_t s, t;
	int rc;
	if ((rc = sm_network_find_actor(&s, net, source)))
		return rc;
	if ((rc = sm_network_find_actor(&t, net, target)))
		return rc;
	return sm_network_add_relationship_at(index, net, s, t, quality, kind);
}

int sm_network_set_period_days(sm_network *net, int64_t r, int32_t since, int32_t until)
{
	char a[11], b[11];
	if (r < 0 || (size_t)r >= net->m)
		return sm_fail(SM_EINVAL, "relationship index %lld is out of range (%zu relationships)",
		               (long long)r, net->m);
	if (since != SM_DATE_NONE && until != SM_DATE_NONE && until < since) {
		if (sm_date_format(a, since) || sm_date_format(b, until))
			return sm_fail(SM_EINVAL, "until is before since");
		return sm_fail(SM_EINVAL, "until %s is before since %s", b, a);
	}
	if (!net->rel_since) {
		if (since == SM_DATE_NONE && until == SM_DATE_NONE)
			return SM_OK;
		int32_t *s = sm_reallocarray(NULL, net->rel_cap, sizeof *s);
		int32_t *u = sm_reallocarray(NULL, net->rel_cap, sizeof *u);
		if (!s || !u) {
			sm_free(s);
			sm_free(u);
			return sm_fail_nomem();
		}
		for (size_t i = 0; i < net->m; i++)
			s[i] = u[i] = SM_DATE_NONE;
		net->rel_since = s;
		net->rel_until = u;
	}
	net->rel_since[r] = since;
	net->rel_until[r] = until;
	return SM_OK;
}

int sm_network_set_period(sm_network *net, int64_t r, const char *since, const char *until)
{
	int32_t s = SM_DATE_NONE, u = SM_DATE_NONE;
	int rc;
	if (r < 0 || (size_t)r >= net->m)
		return sm_fail(SM_EINVAL, "relationship index %lld is out of range (%zu relationships)",
		               (long long)r, net->m);
	if (since && *since && (rc = sm_date_parse(&s, since)))
		return rc;
	if (until && *until && (rc = sm_date_parse(&u, until)))
		return rc;
	return sm_network_set_period_days(net, r, s, u);
}

int sm_network_relationship(sm_relationship *out, const sm_network *net, int64_t r)
{
	if (r < 0 || (size_t)r >= net->m)
		return sm_fail(SM_EINVAL, "relationship index %lld is out of range (%zu relationships)",
		               (long long)r, net->m);
	out->source = net->rel_source[r];
	out->target = net->rel_target[r];
	out->quality = net->rel_quality[r];
	out->kind = sm_network_rel_kind(net, (size_t)r);
	out->since = net->rel_since ? net->rel_since[r] : SM_DATE_NONE;
	out->until = net->rel_since ? net->rel_until[r] : SM_DATE_NONE;
	return SM_OK;
}

int sm_network_copy(sm_network **out, const sm_network *net)
{
	return sm_network_derive(out, net, NULL, NULL);
}
