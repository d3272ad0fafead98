/*
 * stakemap — stakeholder network mapping
 * Copyright (C) 2026 the stakemap authors
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * gen_edges: write a synthetic stakeholder network for the load benchmark.
 *
 *   gen_edges ACTORS RELATIONSHIPS SEED OUTDIR
 *
 * writes, into OUTDIR (which must exist):
 *   actors.csv         id,label,kind            one row per actor
 *   relationships.csv  source,target,quality,kind
 *   edges.ncol         "source target quality"  the same relationships (python-igraph Read_Ncol)
 *   edges.txt          "s t"                    the same, as 0-based actor indices (igraph C)
 *
 * The output depends only on the three numbers (xoshiro256** seeded by
 * splitmix64; no floating-point formatting from libc). Actor i has id
 * "actor_<i>" zero-padded to at least six digits; its kind is one of the 16
 * built-in kinds with a skewed share; its label is a person's or an
 * organisation's name (some with a comma, so quoted, and some non-ASCII).
 * Relationships: no self-relationships; each end is drawn uniformly with
 * probability 1/2, otherwise from a power law (index n·u³, then scrambled by
 * a fixed permutation) so a few actors are hubs, as embassies and ministries
 * are; repeated pairs (multi-relationships) occur, as the model allows.
 * Quality has three decimals in (0, 1]; the kind is formal, informal,
 * funding, media or empty.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- random numbers ------------------------------------------------------- */

typedef struct rng {
	uint64_t s[4];
} rng;

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void rng_seed(rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

static inline uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static inline uint64_t rng_next(rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

/* Uniform in [0, n) for n < 2^32 (bias below 2^-32, irrelevant here). */
static inline uint64_t rng_below(rng *r, uint64_t n)
{
	return ((rng_next(r) >> 32) * n) >> 32;
}

/* Uniform in [0, 1). */
static inline double rng_unit(rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

/* ---- buffered output ---------------------------------------------------------- */

typedef struct out {
	FILE *f;
	const char *path;
	char *buf;
	size_t len, cap;
} out;

static void die(const char *what, const char *path)
{
	fprintf(stderr, "gen_edges: %s %s: %s\n", what, path, strerror(errno));
	exit(1);
}

static void out_open(out *o, const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *path = malloc(n);
	if (!path) {
		fprintf(stderr, "gen_edges: out of memory\n");
		exit(1);
	}
	snprintf(path, n, "%s/%s", dir, name);
	o->path = path;
	o->f = fopen(path, "wb");
	if (!o->f)
		die("cannot create", path);
	o->cap = 1 << 20;
	o->len = 0;
	o->buf = malloc(o->cap);
	if (!o->buf) {
		fprintf(stderr, "gen_edges: out of memory\n");
		exit(1);
	}
}

static void out_flush(out *o)
{
	if (o->len && fwrite(o->buf, 1, o->len, o->f) != o->len)
		die("cannot write", o->path);
	o->len = 0;
}

static void out_close(out *o)
{
	out_flush(o);
	if (fclose(o->f) != 0)
		die("cannot write", o->path);
	free(o->buf);
	free((void *)o->path);
}

/* Make room for `n` more bytes (n is small: one field). */
static inline void out_need(out *o, size_t n)
{
	if (o->len + n > o->cap)
		out_flush(o);
}

static inline void out_str(out *o, const char *s)
{
	size_t n = strlen(s);
	out_need(o, n);
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static inline void out_char(out *o, char c)
{
	out_need(o, 1);
	o->buf[o->len++] = c;
}

/* Unsigned decimal, zero-padded to `width` digits. */
static inline void out_uint(out *o, uint64_t v, int width)
{
	char tmp[24];
	int n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n < width)
		tmp[n++] = '0';
	out_need(o, (size_t)n);
	while (n)
		o->buf[o->len++] = tmp[--n];
}

/* Quality k/1000 (k in 1..1000) as "0.ddd" or "1.000". */
static inline void out_quality(out *o, unsigned k)
{
	out_need(o, 5);
	char *p = o->buf + o->len;
	p[0] = (char)('0' + k / 1000);
	p[1] = '.';
	p[2] = (char)('0' + k / 100 % 10);
	p[3] = (char)('0' + k / 10 % 10);
	p[4] = (char)('0' + k % 10);
	o->len += 5;
}

/* ---- vocabulary ------------------------------------------------------------ */

/* The 16 built-in kinds with a share each (per mille, summing to 1000). */
static const struct {
	const char *name;
	unsigned share;
	int person; /* labelled as a person rather than an organisation */
} kinds[] = {
	{ "diplomat", 60, 1 },     { "government", 110, 0 }, { "multilateral", 30, 0 },
	{ "business", 150, 0 },    { "ngo", 110, 0 },        { "philanthropy", 30, 0 },
	{ "media", 80, 0 },        { "academia", 80, 1 },    { "alumni", 50, 1 },
	{ "diaspora", 50, 1 },     { "diplomat_for_hire", 10, 1 },
	{ "civil_society", 70, 0 }, { "youth", 50, 1 },      { "influencer", 40, 1 },
	{ "data_science", 20, 1 }, { "other", 60, 0 },
};
#define KIND_COUNT (sizeof kinds / sizeof kinds[0])

static const char *const first_names[] = {
	"Amina", "Kwame", "Sofia", "Luca", "Mei", "Arjun", "Fatima", "Jonas", "Chiara", "Tomasz",
	"Aisha", "Mateo", "Ingrid", "Yusuf", "Elena", "Kenji", "Nadia", "Olu", "Priya", "Samuel",
	"Leila", "Diego", "Hana", "Pieter", "José", "Zoë", "Björn", "Thảo", "Ngozi", "Rafael",
	"Camille", "Dmitri",
};
static const char *const last_names[] = {
	"Okafor", "Mensah", "Rossi", "Bianchi", "Chen", "Sharma", "Haddad", "Berg", "Kowalski",
	"Nakamura", "Ibrahim", "García", "Müller", "Nguyễn", "Silva", "Dubois", "Petrov", "Osei",
	"Van Dijk", "Andersson", "Kaya", "Mwangi", "Santos", "O'Brien", "Novak", "Ali", "Costa",
	"Lindqvist", "Adeyemi", "Moreau", "Tanaka", "Horvat",
};
static const char *const org_heads[] = {
	"Ministry of", "Council for", "Foundation for", "Institute of", "Network for",
	"Alliance for", "Office of", "Centre for", "Fund for", "Agency for", "Society for",
	"Forum on",
};
static const char *const org_topics[] = {
	"Trade", "Water", "Energy", "Health", "Education", "Migration", "Digital Affairs",
	"Climate", "Peace", "Culture", "Agriculture", "Human Rights", "Youth", "Women's Rights",
	"Free Media", "Open Data",
};
static const char *const places[] = {
	"Nairobi", "Accra", "Lagos", "Dakar", "Tunis", "Amman", "Jakarta", "Lima", "Bogotá",
	"Kyiv", "Tbilisi", "Manila", "Dhaka", "Kampala", "Maputo", "Yerevan",
};
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const rel_kinds[] = { "formal", "informal", "funding", "media" };

/* ---- generation -------------------------------------------------------------- */

static uint64_t gcd(uint64_t a, uint64_t b)
{
	while (b) {
		uint64_t t = a % b;
		a = b;
		b = t;
	}
	return a;
}

static uint64_t parse_count(const char *s, const char *what, uint64_t min, uint64_t max)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || end == s || *end || s[0] == '-' || v < min || v > max) {
		fprintf(stderr, "gen_edges: %s \"%s\" must be an integer in [%" PRIu64 ", %" PRIu64
		        "]\n", what, s, min, max);
		exit(2);
	}
	return (uint64_t)v;
}

static void write_label(out *o, rng *r, int person)
{
	if (person) {
		const char *first = first_names[rng_below(r, COUNT(first_names))];
		const char *last = last_names[rng_below(r, COUNT(last_names))];
		if (rng_below(r, 20) == 0) { /* "Last, First": needs quoting */
			out_char(o, '"');
			out_str(o, last);
			out_str(o, ", ");
			out_str(o, first);
			out_char(o, '"');
		} else {
			out_str(o, first);
			out_char(o, ' ');
			out_str(o, last);
		}
		return;
	}
	const char *head = org_heads[rng_below(r, COUNT(org_heads))];
	const char *topic = org_topics[rng_below(r, COUNT(org_topics))];
	const char *place = places[rng_below(r, COUNT(places))];
	if (rng_below(r, 10) == 0) { /* "Ministry of Trade, Nairobi" */
		out_char(o, '"');
		out_str(o, head);
		out_char(o, ' ');
		out_str(o, topic);
		out_str(o, ", ");
		out_str(o, place);
		out_char(o, '"');
	} else {
		out_str(o, head);
		out_char(o, ' ');
		out_str(o, topic);
		out_char(o, ' ');
		out_str(o, place);
	}
}

int main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: gen_edges ACTORS RELATIONSHIPS SEED OUTDIR\n");
		return 2;
	}
	uint64_t n = parse_count(argv[1], "ACTORS", 2, (uint64_t)INT32_MAX);
	uint64_t m = parse_count(argv[2], "RELATIONSHIPS", 0, (uint64_t)1 << 40);
	uint64_t seed = parse_count(argv[3], "SEED", 0, UINT64_MAX);
	const char *dir = argv[4];

	int width = 6;
	for (uint64_t v = n - 1, p = 1000000; v >= p && width < 19; p *= 10)
		width++;

	rng r;
	rng_seed(&r, seed);

	/* Scramble hub positions: i -> (a·i + b) mod n with gcd(a, n) = 1. */
	uint64_t a, b = rng_below(&r, n);
	do
		a = 1 + rng_below(&r, n - 1);
	while (gcd(a, n) != 1);

	/* Kind of each actor by cumulative share. */
	unsigned cum[KIND_COUNT];
	unsigned total = 0;
	for (size_t k = 0; k < KIND_COUNT; k++)
		cum[k] = (total += kinds[k].share);

	out actors;
	out_open(&actors, dir, "actors.csv");
	out_str(&actors, "id,label,kind\n");
	for (uint64_t i = 0; i < n; i++) {
		unsigned x = (unsigned)rng_below(&r, total);
		size_t k = 0;
		while (x >= cum[k])
			k++;
		out_str(&actors, "actor_");
		out_uint(&actors, i, width);
		out_char(&actors, ',');
		write_label(&actors, &r, kinds[k].person);
		out_char(&actors, ',');
		out_str(&actors, kinds[k].name);
		out_char(&actors, '\n');
	}
	out_close(&actors);

	out rels, ncol, txt;
	out_open(&rels, dir, "relationships.csv");
	out_open(&ncol, dir, "edges.ncol");
	out_open(&txt, dir, "edges.txt");
	out_str(&rels, "source,target,quality,kind\n");
	for (uint64_t e = 0; e < m; e++) {
		uint64_t end[2];
		do {
			for (int j = 0; j < 2; j++) {
				if (rng_next(&r) >> 63) {
					end[j] = rng_below(&r, n);
				} else {
					double u = rng_unit(&r);
					uint64_t i = (uint64_t)((double)n * u * u * u);
					if (i >= n)
						i = n - 1;
					end[j] = (a * i + b) % n;
				}
			}
		} while (end[0] == end[1]);
		unsigned q = 1 + (unsigned)rng_below(&r, 1000);
		unsigned kr = (unsigned)rng_below(&r, 20); /* 0..6 formal, 7..13 informal, ... */
		const char *kind = kr < 7 ? rel_kinds[0] : kr < 14 ? rel_kinds[1] :
		                   kr < 16 ? rel_kinds[2] : kr < 19 ? rel_kinds[3] : "";

		out_str(&rels, "actor_");
		out_uint(&rels, end[0], width);
		out_str(&rels, ",actor_");
		out_uint(&rels, end[1], width);
		out_char(&rels, ',');
		out_quality(&rels, q);
		out_char(&rels, ',');
		out_str(&rels, kind);
		out_char(&rels, '\n');

		out_str(&ncol, "actor_");
		out_uint(&ncol, end[0], width);
		out_str(&ncol, " actor_");
		out_uint(&ncol, end[1], width);
		out_char(&ncol, ' ');
		out_quality(&ncol, q);
		out_char(&ncol, '\n');

		out_uint(&txt, end[0], 0);
		out_char(&txt, ' ');
		out_uint(&txt, end[1], 0);
		out_char(&txt, '\n');
	}
	out_close(&rels);
	out_close(&ncol);
	out_close(&txt);
	return 0;
}
